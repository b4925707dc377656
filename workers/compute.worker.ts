/**
 * Thin comlink entry for model work: decode, call src/ml, report progress. The client is
 * src/services/workerExecutor.ts; the logic is src/ml/localExecutor.ts.
 */
import * as Comlink from 'comlink';
// Vite ships the binaries and gives their URLs; setWasmPaths needs them before wasm starts.
import wasmUrl from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm?url';
import wasmSimdUrl from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-simd.wasm?url';
import wasmThreadedSimdUrl from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-threaded-simd.wasm?url';
import { CancelledError } from '../src/core/executor';
import type {
  BackendInfo,
  BackendPreference,
  ModelHandle,
  ModelSpec,
  TrainingSpec,
  TrainProgress,
  WindowedData,
} from '../src/core/executor';
import { onDeviceLost } from '../src/ml/backend';
import { createLocalExecutor, type LocalExecutor } from '../src/ml/localExecutor';
import type { ModelBundle } from '../src/ml/persist';

/** Posted (outside comlink's request/response) when the GPU device is lost. */
export interface DeviceLostMessage {
  type: 'device-lost';
  message: string;
}

const defaultWasmPaths: Record<string, string> = {
  'tfjs-backend-wasm.wasm': wasmUrl,
  'tfjs-backend-wasm-simd.wasm': wasmSimdUrl,
  'tfjs-backend-wasm-threaded-simd.wasm': wasmThreadedSimdUrl,
};

let executor: LocalExecutor | null = null;
let deviceLost: string | null = null;
const jobs = new Map<string, AbortController>();

function current(): LocalExecutor {
  // After a device loss every tensor on the GPU is gone: refuse work, the client restarts us.
  if (deviceLost !== null) throw new Error(`${deviceLost}; this compute worker must be restarted`);
  executor ??= createLocalExecutor('auto', { wasmPaths: defaultWasmPaths });
  return executor;
}

onDeviceLost((message) => {
  deviceLost = message;
  for (const job of jobs.values()) job.abort();
  const note: DeviceLostMessage = { type: 'device-lost', message };
  (globalThis as unknown as DedicatedWorkerGlobalScope).postMessage(note);
});

const api = {
  async init(pref: BackendPreference, wasmPaths?: Record<string, string> | string): Promise<BackendInfo> {
    if (executor) throw new Error('compute worker: init() must be the first call, and only once');
    executor = createLocalExecutor(pref, { wasmPaths: wasmPaths ?? defaultWasmPaths });
    return executor.backend();
  },

  backend(): Promise<BackendInfo> {
    return current().backend();
  },

  async train(
    model: ModelSpec,
    training: TrainingSpec,
    data: WindowedData,
    onProgress: ((p: TrainProgress) => void) | undefined,
    jobId: string,
  ): Promise<ModelHandle> {
    // The client passes Comlink.proxy(fn): here it is a remote whose calls return promises.
    const remote = onProgress as unknown as Comlink.Remote<(p: TrainProgress) => void> | undefined;
    const controller = new AbortController();
    jobs.set(jobId, controller);
    try {
      return await current().train(model, training, data, {
        signal: controller.signal,
        // Fire and forget: training must not wait for the page to paint a progress bar.
        ...(remote ? { onProgress: (p: TrainProgress) => void remote(p).catch(() => undefined) } : {}),
      });
    } catch (err) {
      if (deviceLost !== null && err instanceof CancelledError) throw new Error(deviceLost);
      throw err;
    } finally {
      jobs.delete(jobId);
      remote?.[Comlink.releaseProxy]();
    }
  },

  async predict(handle: ModelHandle, data: WindowedData): Promise<Float32Array> {
    const out = await current().predict(handle, data);
    return Comlink.transfer(out, [out.buffer]);
  },

  /** Weight buffers are transferred, not copied. */
  async exportModel(handle: ModelHandle): Promise<ModelBundle> {
    const bundle = await current().exportModel(handle);
    const buffers = bundle.parts.flatMap((p) => (p.weightData instanceof ArrayBuffer ? [p.weightData] : []));
    return Comlink.transfer(bundle, buffers);
  },

  importModel(bundle: { meta: unknown; parts: ModelBundle['parts'] }): Promise<ModelHandle> {
    return current().importModel(bundle);
  },

  release(handle: ModelHandle): Promise<void> {
    return current().release(handle);
  },

  cancel(jobId: string): void {
    jobs.get(jobId)?.abort();
  },
};

export type ComputeApi = typeof api;

Comlink.expose(api);
