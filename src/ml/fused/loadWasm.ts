/**
 * Loads src/ml/fused/fused_rnn.wasm (built by `node scripts/build-wasm.mjs`). Accepts the bytes,
 * or a URL: file: URLs are read with node:fs (Node, CLI, tests); http(s) URLs stream-compile
 * (the page and workers: `import wasmUrl from './fused_rnn.wasm?url'`, see wasmUrl.ts). The
 * compiled module is cached per source; every engine gets its own instance (own memory).
 */

export type WasmSource = BufferSource | URL | string;

/** The module next to this file, as a URL (what Node and Vitest load by default). */
export const DEFAULT_WASM_URL = new URL('./fused_rnn.wasm', import.meta.url);

const cache = new Map<string, Promise<WebAssembly.Module>>();

export function loadFusedModule(source: WasmSource = DEFAULT_WASM_URL): Promise<WebAssembly.Module> {
  if (typeof source !== 'string' && !(source instanceof URL)) return WebAssembly.compile(source);
  const url = new URL(source, typeof location === 'undefined' ? DEFAULT_WASM_URL : location.href);
  const key = url.href;
  let found = cache.get(key);
  if (!found) {
    found = compileUrl(url);
    cache.set(key, found);
    // A failed load may succeed later (the file gets built): do not cache the failure.
    found.catch(() => cache.delete(key));
  }
  return found;
}

async function compileUrl(url: URL): Promise<WebAssembly.Module> {
  if (url.protocol === 'file:') {
    const { readFile } = await import('node:fs/promises');
    let bytes: Uint8Array;
    try {
      bytes = await readFile(url);
    } catch (err) {
      throw new Error(`fused engine: cannot read ${url.pathname} (${(err as Error).message}); run \`node scripts/build-wasm.mjs\``);
    }
    return WebAssembly.compile(bytes as Uint8Array<ArrayBuffer>);
  }
  const response = await fetch(url);
  if (!response.ok) throw new Error(`fused engine: GET ${url.href} answered ${response.status}; run \`node scripts/build-wasm.mjs\` before the build`);
  // compileStreaming needs the application/wasm MIME type; some static servers send another.
  if (typeof WebAssembly.compileStreaming === 'function' && response.headers.get('content-type')?.startsWith('application/wasm')) {
    return WebAssembly.compileStreaming(response);
  }
  return WebAssembly.compile(await response.arrayBuffer());
}

/** A fresh instance (its own linear memory); the module has no imports. */
export function instantiateFused(module: WebAssembly.Module): Promise<WebAssembly.Instance> {
  return WebAssembly.instantiate(module, {});
}

/** True when this engine can compile wasm SIMD (a tiny module using one v128 op). */
export function wasmSimdSupported(): boolean {
  try {
    // (module (func (result v128) (v128.const i32x4 0 0 0 0)))
    const bytes = new Uint8Array([
      0, 97, 115, 109, 1, 0, 0, 0, 1, 5, 1, 96, 0, 1, 123, 3, 2, 1, 0, 10, 22, 1, 20, 0, 253, 12, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
      0, 0, 0, 0, 0, 0, 11,
    ]);
    return typeof WebAssembly === 'object' && WebAssembly.validate(bytes);
  } catch {
    return false;
  }
}
