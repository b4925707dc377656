/**
 * Failures after which a call is retried on the next backend (webgpu -> wasm -> cpu): a lost
 * GPU device and running out of memory. Errors carry a `name` (core/executor) that survives
 * comlink's trip to the page, so the client can tell them from bugs.
 */
import type { DEVICE_LOST_ERROR, OUT_OF_MEMORY_ERROR } from '../core/executor';

/** What tfjs, WebGPU and wasm say when memory runs out (Chromium and Node wordings). */
const OUT_OF_MEMORY =
  /out of memory|\bOOM\b|Cannot enlarge memory|Maximum memory size|Array buffer allocation failed|Failed to allocate|allocation failed|WebAssembly\.Memory\(\): could not allocate/i;
const DEVICE_LOSS = /device (?:is |was |has been )?(?:lost|destroyed)|GPUDevice.*(?:lost|destroyed)/i;

function text(err: unknown): string {
  return err instanceof Error ? `${err.name}: ${err.message}` : String(err);
}

export function isOutOfMemory(err: unknown): boolean {
  return OUT_OF_MEMORY.test(text(err));
}

export function looksLikeDeviceLoss(err: unknown): boolean {
  return DEVICE_LOSS.test(text(err));
}

export function namedError(name: typeof DEVICE_LOST_ERROR | typeof OUT_OF_MEMORY_ERROR, message: string): Error {
  const error = new Error(message);
  error.name = name;
  return error;
}

/** The backend to continue on after `backend` failed this way, or null at the end of the line. */
export function nextBackend(backend: 'webgpu' | 'wasm' | 'cpu'): 'wasm' | 'cpu' | null {
  return backend === 'webgpu' ? 'wasm' : backend === 'wasm' ? 'cpu' : null;
}
