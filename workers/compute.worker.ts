/**
 * Thin comlink entry for model work. The API is workers/computeApi.ts; the client is
 * src/services/workerExecutor.ts; the logic is src/ml.
 */
import * as Comlink from 'comlink';
// Vite ships the binaries and gives their URLs; setWasmPaths needs them before wasm starts.
import wasmUrl from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm?url';
import wasmSimdUrl from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-simd.wasm?url';
import wasmThreadedSimdUrl from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-threaded-simd.wasm?url';
import { createComputeApi } from './computeApi';

export type { ComputeApi, DeviceLostMessage, HeartbeatMessage, WorkerNote, WorkerSetup } from './computeApi';

const scope = globalThis as unknown as DedicatedWorkerGlobalScope & { __cflGpuDevice?: GPUDevice };

const api = createComputeApi({
  post: (message) => scope.postMessage(message),
  defaultWasmPaths: {
    'tfjs-backend-wasm.wasm': wasmUrl,
    'tfjs-backend-wasm-simd.wasm': wasmSimdUrl,
    'tfjs-backend-wasm-threaded-simd.wasm': wasmThreadedSimdUrl,
  },
  // Only the GPUDevice, so an e2e test can destroy it (a lost device, on demand).
  onGpuDevice: (device) => {
    scope.__cflGpuDevice = device;
  },
});

Comlink.expose(api);
