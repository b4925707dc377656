import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';

// Layer direction (ARCHITECTURE.md): each folder lists the folders of ours it must NOT import.
const layers = {
  'src/core': ['notebook', 'ml', 'sources', 'storage', 'services', 'state', 'ui', 'app', 'cli', 'workers'],
  'src/notebook': ['ml', 'sources', 'storage', 'services', 'state', 'ui', 'app', 'cli', 'workers'],
  'src/ml': ['notebook', 'sources', 'storage', 'services', 'state', 'ui', 'app', 'cli', 'workers'],
  'src/sources': ['notebook', 'ml', 'storage', 'services', 'state', 'ui', 'app', 'cli', 'workers'],
  'src/storage': ['ml', 'sources', 'services', 'state', 'ui', 'app', 'cli', 'workers'],
  'src/services': ['state', 'ui', 'app', 'cli'],
  'src/state': ['ui', 'app', 'cli', 'workers'],
  'src/ui': ['app', 'cli', 'workers', 'services', 'storage', 'ml', 'sources', 'notebook'],
  'src/cli': ['services', 'state', 'ui', 'app', 'storage', 'workers'],
  workers: ['notebook', 'storage', 'services', 'state', 'ui', 'app', 'cli'],
};
// Third-party packages a pure layer must not touch.
const impurePackages = {
  'src/core': ['react', 'react-dom', 'dexie', 'comlink', '@tensorflow/*', 'plotly.js-dist-min', 'danfojs'],
  'src/notebook': ['react', 'react-dom', 'dexie', 'comlink', '@tensorflow/*', 'plotly.js-dist-min'],
  'src/ml': ['react', 'react-dom', 'dexie', 'comlink', 'plotly.js-dist-min'],
  'src/sources': ['react', 'react-dom', 'dexie', 'comlink', '@tensorflow/*', 'plotly.js-dist-min'],
  'src/storage': ['react', 'react-dom', 'comlink', 'plotly.js-dist-min'],
  'src/state': ['react-dom', 'plotly.js-dist-min', 'dexie', '@tensorflow/*'],
  'src/ui': ['dexie', '@tensorflow/*', 'comlink'],
};

function layerRule(folder, banned) {
  const patterns = banned.flatMap((layer) => [
    { group: [`**/${layer}/*`, `**/${layer}`], caseSensitive: true, message: `${folder} must not import ${layer} (see ARCHITECTURE.md layers).` },
  ]);
  // Test helpers (*.testkit.ts) serve tests only; the app never imports them.
  patterns.push({ group: ['**/*.testkit'], message: 'test helpers (*.testkit.ts) are for tests only.' });
  for (const pkg of impurePackages[folder] ?? []) {
    patterns.push({ group: [pkg], message: `${folder} must not import ${pkg}.` });
  }
  return {
    files: [`${folder}/**/*.{ts,tsx}`],
    ignores: [`${folder}/**/*.test.ts`, `${folder}/**/*.testkit.ts`],
    rules: { 'no-restricted-imports': ['error', { patterns }] },
  };
}

export default tseslint.config(
  { ignores: ['dist/', 'node_modules/', 'test-results/', 'playwright-report/', 'bench/results/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.browser, ...globals.node, ...globals.worker } },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  ...Object.entries(layers).map(([folder, banned]) => layerRule(folder, banned)),
);
