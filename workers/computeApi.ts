/**
 * The compute worker's API as a factory, so tests can expose it on a MessageChannel in Node.
 * The entry (compute.worker.ts) exposes one instance on the worker scope. Logic stays in src/ml.
 */
import * as Comlink from 'comlink';
import { CancelledError, DEVICE_LOST_ERROR, OUT_OF_MEMORY_ERROR } from '../src/core/executor';
import type {
  BackendInfo,
  BackendName,
  BackendPreference,
  GradientProgress,
  ModelHandle,
  ModelSpecInput,
  TrainingSpec,
  TrainProgress,
  WindowedData,
} from '../src/core/executor';
import { onDeviceLost, webGpuDevice } from '../src/ml/backend';
import { isOutOfMemory, looksLikeDeviceLoss, namedError } from '../src/ml/failures';
import { createLocalExecutor, type LocalExecutor } from '../src/ml/localExecutor';
import type { ModelBundle } from '../src/ml/persist';

/** Posted (outside comlink's request/response) when the GPU device is lost. */
export interface DeviceLostMessage {
  type: 'device-lost';
  message: string;
}

/**
 * Posted while this thread is alive: by a timer whenever the thread is free, and by the training
 * loop at every batch end (a busy thread's timers do not fire). The page's watchdog
 * (src/services/workerSession.ts) stops a worker it has not heard from for too long.
 */
export interface HeartbeatMessage {
  type: 'heartbeat';
  /**
   * Training batches this worker has finished so far. A worker whose heartbeat goes on while
   * this count stands still is alive but stuck (an await that never settles): the page's
   * per-call deadline stops it like a silent one.
   */
  batches: number;
}

export type WorkerNote = DeviceLostMessage | HeartbeatMessage;

/** How often the worker says it is alive; the page's silence budget is many times this. */
export const HEARTBEAT_EVERY_MS = 250;

/** How the page starts a worker: 'auto' may measure the backends or reuse a cached decision. */
export interface WorkerSetup {
  wasmPaths?: Record<string, string> | string;
  measure?: boolean;
  decided?: { backend: BackendName; reason: string };
}

export interface ComputeHost {
  post(message: WorkerNote): void;
  defaultWasmPaths?: Record<string, string>;
  /** Called with the GPUDevice once webgpu runs (the worker exposes it for e2e tests). */
  onGpuDevice?(device: GPUDevice): void;
}

export function createComputeApi(host: ComputeHost) {
  let executor: LocalExecutor | null = null;
  let deviceLost: string | null = null;
  const jobs = new Map<string, AbortController>();

  let lastBeat = -Infinity;
  let batches = 0;
  const beat = (): void => {
    const now = performance.now();
    if (now - lastBeat < HEARTBEAT_EVERY_MS / 2) return;
    lastBeat = now;
    host.post({ type: 'heartbeat', batches });
  };
  beat(); // the script loaded
  const ticker = setInterval(beat, HEARTBEAT_EVERY_MS);

  const start = (pref: BackendPreference, setup: WorkerSetup): LocalExecutor => {
    const wasmPaths = setup.wasmPaths ?? host.defaultWasmPaths;
    executor = createLocalExecutor(pref, {
      ...(wasmPaths !== undefined ? { wasmPaths } : {}),
      ...(setup.measure ? { measure: true } : {}),
      ...(setup.decided ? { decided: setup.decided } : {}),
    });
    return executor;
  };
  const current = (): LocalExecutor => {
    // After a device loss every tensor on the GPU is gone: refuse work, the client restarts us.
    if (deviceLost !== null) throw namedError(DEVICE_LOST_ERROR, `${deviceLost}; this compute worker must be restarted`);
    return executor ?? start('auto', {});
  };

  const stopListening = onDeviceLost((message) => {
    deviceLost = message;
    for (const job of jobs.values()) job.abort();
    host.post({ type: 'device-lost', message });
  });

  /** Names the failures the client retries on the next backend; other errors pass unchanged. */
  const classify = async (err: unknown): Promise<unknown> => {
    // A destroyed device fails the op in flight ("Buffer was unmapped before mapping was
    // resolved") before its `lost` promise settles: on webgpu, give the loss a moment to show.
    const onGpu = executor !== null && (await executor.backend().catch(() => null))?.backend === 'webgpu';
    for (let waited = 0; deviceLost === null && (onGpu || looksLikeDeviceLoss(err)) && waited < 500; waited += 50) {
      await new Promise((r) => setTimeout(r, 50));
    }
    if (deviceLost !== null) return namedError(DEVICE_LOST_ERROR, deviceLost);
    if (err instanceof CancelledError) return err;
    if (isOutOfMemory(err)) {
      const backend = executor ? (await executor.backend()).backend : 'unknown';
      return namedError(OUT_OF_MEMORY_ERROR, `out of memory on ${backend} (${err instanceof Error ? err.message : String(err)})`);
    }
    return err;
  };

  return {
    async init(pref: BackendPreference, setup: WorkerSetup = {}): Promise<BackendInfo> {
      if (executor) throw new Error('compute worker: init() must be the first call, and only once');
      const info = await start(pref, setup).backend();
      const device = info.backend === 'webgpu' ? webGpuDevice() : null;
      if (device) host.onGpuDevice?.(device);
      return info;
    },

    backend(): Promise<BackendInfo> {
      return current().backend();
    },

    async train(
      model: ModelSpecInput,
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
          onProgress: (p: TrainProgress) => {
            // Every trainer reports each batch end: the heartbeat of a thread too busy for timers.
            batches++;
            beat();
            // Fire and forget: training must not wait for the page to paint a progress bar.
            if (remote) void remote(p).catch(() => undefined);
          },
        });
      } catch (err) {
        throw await classify(err);
      } finally {
        jobs.delete(jobId);
        remote?.[Comlink.releaseProxy]();
      }
    },

    async predict(handle: ModelHandle, data: WindowedData): Promise<Float32Array> {
      try {
        const out = await current().predict(handle, data);
        return Comlink.transfer(out, [out.buffer as ArrayBuffer]);
      } catch (err) {
        throw await classify(err);
      }
    },

    /** Like train: cancel(jobId) stops it between chunks; progress doubles as the heartbeat. */
    async inputGradients(
      handle: ModelHandle,
      data: WindowedData,
      output: number,
      onProgress: ((p: GradientProgress) => void) | undefined,
      jobId: string,
    ): Promise<Float32Array> {
      const remote = onProgress as unknown as Comlink.Remote<(p: GradientProgress) => void> | undefined;
      const controller = new AbortController();
      jobs.set(jobId, controller);
      try {
        const out = await current().inputGradients(handle, data, {
          output,
          signal: controller.signal,
          onProgress: (p: GradientProgress) => {
            beat();
            if (remote) void remote(p).catch(() => undefined);
          },
        });
        return Comlink.transfer(out, [out.buffer as ArrayBuffer]);
      } catch (err) {
        throw await classify(err);
      } finally {
        jobs.delete(jobId);
        remote?.[Comlink.releaseProxy]();
      }
    },

    async predictOutput(handle: ModelHandle, data: WindowedData, output: number): Promise<Float32Array> {
      try {
        const out = await current().predictOutput(handle, data, { output });
        return Comlink.transfer(out, [out.buffer as ArrayBuffer]);
      } catch (err) {
        throw await classify(err);
      }
    },

    async attentionWeights(handle: ModelHandle, data: WindowedData): Promise<Float32Array> {
      try {
        const out = await current().attentionWeights(handle, data);
        return Comlink.transfer(out, [out.buffer as ArrayBuffer]);
      } catch (err) {
        throw await classify(err);
      }
    },

    async recurrentStates(handle: ModelHandle, data: WindowedData): Promise<Float32Array> {
      try {
        const out = await current().recurrentStates(handle, data);
        return Comlink.transfer(out, [out.buffer as ArrayBuffer]);
      } catch (err) {
        throw await classify(err);
      }
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

    /** Tests only: stop the heartbeat and listening for device loss, and free every model. */
    dispose(): void {
      clearInterval(ticker);
      stopListening();
      executor?.dispose();
    },
  };
}

export type ComputeApi = ReturnType<typeof createComputeApi>;
