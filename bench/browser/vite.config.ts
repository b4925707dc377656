/**
 * The browser benchmark's own Vite config (the app's vite.config.ts stays untouched). Built
 * WITHOUT minification: threaded wasm hangs in minified builds (PITFALLS.md), and the bench
 * measures it. COOP/COEP make the page cross-origin isolated, which threaded wasm needs.
 */
import { tmpdir } from 'node:os';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const root = fileURLToPath(new URL('.', import.meta.url));
const isolationHeaders = {
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Embedder-Policy': 'require-corp',
};

export const benchOutDir = resolve(tmpdir(), 'cfl-browser-bench');

export default defineConfig({
  root,
  logLevel: 'warn',
  server: { headers: isolationHeaders, fs: { allow: [resolve(root, '../..')] } },
  preview: { headers: isolationHeaders, host: '127.0.0.1' },
  worker: { format: 'es' },
  build: { outDir: benchOutDir, emptyOutDir: true, minify: false, target: 'es2022', chunkSizeWarningLimit: 20_000, reportCompressedSize: false },
});
