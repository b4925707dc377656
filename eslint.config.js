import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';

import { loadLayerTable } from './scripts/layers.mjs';
import { deterministicMath } from './scripts/eslint-deterministic-math.mjs';

// Layer direction: docs/ARCHITECTURE.md's layer table is the rule; every folder it does not allow is banned.
const table = loadLayerTable();
// Third-party packages a pure layer must not touch.
const impurePackages = {
  'src/spec': ['react', 'react-dom', 'dexie', 'comlink', '@tensorflow/*', 'plotly.js', 'plotly.js/*', 'danfojs'],
  'src/core': ['react', 'react-dom', 'dexie', 'comlink', '@tensorflow/*', 'plotly.js', 'plotly.js/*', 'danfojs'],
  'src/notebook': ['react', 'react-dom', 'dexie', 'comlink', '@tensorflow/*', 'plotly.js', 'plotly.js/*'],
  'src/ml': ['react', 'react-dom', 'dexie', 'comlink', 'plotly.js', 'plotly.js/*'],
  'src/sources': ['react', 'react-dom', 'dexie', 'comlink', '@tensorflow/*', 'plotly.js', 'plotly.js/*'],
  'src/storage': ['react', 'react-dom', 'comlink', 'plotly.js', 'plotly.js/*'],
  'src/state': ['react-dom', 'plotly.js', 'plotly.js/*', 'dexie', '@tensorflow/*'],
  'src/ui': ['dexie', '@tensorflow/*', 'comlink'],
};

function layerRule({ folder, name, allowed, typesOnly }) {
  const others = table.map((row) => row.name).filter((other) => other !== name && !allowed.includes(other));
  const patterns = others.map((layer) => ({
    group: [`**/${layer}/*`, `**/${layer}`],
    caseSensitive: true,
    ...(typesOnly.includes(layer) ? { allowTypeImports: true } : {}),
    message: `${folder} must not import ${layer}${typesOnly.includes(layer) ? ' (types only)' : ''} (docs/ARCHITECTURE.md layer table).`,
  }));
  // Test helpers (*.testkit.ts) serve tests only; the app never imports them.
  patterns.push({ group: ['**/*.testkit'], message: 'test helpers (*.testkit.ts) are for tests only.' });
  for (const pkg of impurePackages[folder] ?? []) {
    patterns.push({ group: [pkg], message: `${folder} must not import ${pkg}.` });
  }
  const files = [`${folder}/**/*.{ts,tsx}`, ...(name === 'app' ? ['src/main.tsx'] : [])];
  return {
    files,
    ignores: [`${folder}/**/*.test.ts`, `${folder}/**/*.testkit.ts`],
    rules: { 'no-restricted-imports': 'off', '@typescript-eslint/no-restricted-imports': ['error', { patterns }] },
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
  ...table.map(layerRule),
  deterministicMath,
);
