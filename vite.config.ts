import { defineConfig, runnerImport } from 'vite';
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import type * as CspModule from './src/app/contentSecurityPolicy';

// COOP/COEP make the page cross-origin isolated, which threaded wasm needs (SharedArrayBuffer).
const isolationHeaders = {
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Embedder-Policy': 'require-corp',
};

// has-hover (a dependency of plotly's source, src/ui/charts/plotlyBundle.ts) reads Node's `global`: the
// page's is globalThis. Only there: a global define would change tfjs's platform checks too. The dev
// server's dependency optimizer bundles it apart from the build, so it runs the plugin as well.
const hasHoverGlobal = {
  name: 'has-hover-global',
  transform: (code: string, id: string) => (id.includes('/node_modules/has-hover/') ? code.replaceAll('global.', 'globalThis.') : null),
};

// plotly's registry requires maplibre's stylesheet (65 kB) for its map traces, which the app's bundle
// does not have: an empty module instead, so the page does not load and apply it with plotly.
const MAPLIBRE_CSS = 'maplibre-gl/dist/maplibre-gl.css';
const noMaplibreCss = {
  name: 'no-maplibre-css',
  enforce: 'pre' as const,
  resolveId: (id: string) => (id === MAPLIBRE_CSS ? '\0no-maplibre-css' : null),
  load: (id: string) => (id === '\0no-maplibre-css' ? 'export {};' : null),
};

export default defineConfig({
  plugins: [
    react(),
    hasHoverGlobal,
    noMaplibreCss,
    // The built pages carry the CSP (src/app/contentSecurityPolicy.ts); the dev server's HMR needs inline scripts.
    {
      name: 'content-security-policy',
      apply: 'build',
      // Loaded through Vite's module runner: the config itself stays free of app imports.
      async transformIndexHtml() {
        const { module } = await runnerImport<typeof CspModule>('./src/app/contentSecurityPolicy.ts', { configFile: false, logLevel: 'silent' });
        return [{ tag: 'meta', attrs: { 'http-equiv': 'Content-Security-Policy', content: module.contentSecurityPolicy() }, injectTo: 'head-prepend' }];
      },
    },
  ],
  resolve: {
    alias: [
      // danfojs's browser bundle embeds its own tfjs 3.13; its CommonJS build shares our tfjs 4.22.
      { find: /^danfojs$/, replacement: fileURLToPath(new URL('./node_modules/danfojs/dist/danfojs-browser/src/index.js', import.meta.url)) },
    ],
  },
  optimizeDeps: { rolldownOptions: { plugins: [hasHoverGlobal, noMaplibreCss] } },
  server: { port: 5173, headers: isolationHeaders },
  preview: { port: 4173, headers: isolationHeaders },
  worker: { format: 'es' },
  build: {
    target: 'es2022',
    chunkSizeWarningLimit: 6000,
    // selftest.html: the WebGPU kernel self-test page (src/selftest).
    rolldownOptions: {
      input: {
        main: fileURLToPath(new URL('./index.html', import.meta.url)),
        selftest: fileURLToPath(new URL('./selftest.html', import.meta.url)),
      },
    },
  },
});
