/**
 * The page's executor: owns one compute worker (workers/compute.worker.ts) and talks to it with
 * comlink. Every call can be cancelled and rejects, never hangs, when the worker dies: a crash
 * (error, messageerror) or a lost GPU device rejects all pending calls at once, and the next call
 * starts a fresh worker. After a GPU device loss the fresh worker uses wasm.
 *
 * Ownership: `train` TRANSFERS data.x and data.y to the worker (zero-copy); afterwards the
 * caller's arrays are detached (length 0). The runner builds fresh windows per call, so this is
 * free; a caller that still needs them must pass copies. `predict` copies x (test sets are small)
 * and does not send y, so the caller keeps both.
 */
import * as Comlink from 'comlink';
import { CancelledError } from '../core/executor';
import type {
  BackendInfo,
  BackendPreference,
  CallOptions,
  Executor,
  ModelHandle,
  ModelSpec,
  TrainingSpec,
  WindowedData,
} from '../core/executor';
import type { LocalExecutor } from '../ml/localExecutor';
import type { ComputeApi, DeviceLostMessage } from '../../workers/compute.worker';

export interface WorkerExecutor extends Executor {
  /** Stops the worker; pending calls reject. The next call starts a new one. */
  terminate(): void;
  /** Called with the backend each time a worker starts (again after a restart). */
  onBackend(cb: (info: BackendInfo) => void): () => void;
}

interface Session {
  id: number;
  worker: Worker;
  api: Comlink.Remote<ComputeApi>;
  ready: Promise<BackendInfo>;
  /** Reject functions of the calls in flight. */
  pending: Set<(err: Error) => void>;
  dead: Error | null;
}

const HANDLE_SEPARATOR = ':';

export function createWorkerExecutor(pref: BackendPreference): WorkerExecutor {
  if (typeof Worker === 'undefined') return createMainThreadExecutor(pref);

  let session: Session | null = null;
  let sessionCount = 0;
  let jobCount = 0;
  let gpuLost: string | null = null;
  const backendListeners = new Set<(info: BackendInfo) => void>();

  const crash = (s: Session, error: Error): void => {
    if (s.dead) return;
    s.dead = error;
    s.worker.terminate();
    for (const fail of [...s.pending]) fail(error);
    s.pending.clear();
    if (session === s) session = null;
  };
  const crashed = (s: Session, message: string): void =>
    crash(s, new Error(`the compute worker crashed: ${message}; press Run to restart`));

  const spawn = (): Session => {
    const worker = new Worker(new URL('../../workers/compute.worker.ts', import.meta.url), { type: 'module' });
    const api = Comlink.wrap<ComputeApi>(worker);
    // After a device loss, do not hand the next worker the GPU again.
    const usePref: BackendPreference = gpuLost !== null && (pref === 'auto' || pref === 'webgpu') ? 'wasm' : pref;
    const s: Session = {
      id: ++sessionCount,
      worker,
      api,
      pending: new Set(),
      dead: null,
      // Deferred one microtask so guard() sees the finished session object.
      ready: Promise.resolve().then(() =>
        guard(s, () =>
          api.init(usePref).then((info) =>
            usePref !== pref ? { ...info, reason: `${gpuLost ?? 'the GPU device was lost'} earlier, so: ${info.reason}` } : info,
          ),
        ),
      ),
    };
    worker.addEventListener('error', (event: ErrorEvent | Event) => {
      // A module that fails to load fires a plain Event without a message.
      const message = 'message' in event && event.message ? event.message : 'the worker script failed to load or threw';
      crashed(s, message);
    });
    worker.addEventListener('messageerror', () => crashed(s, 'a message from the worker could not be decoded'));
    worker.addEventListener('message', (event: MessageEvent<unknown>) => {
      const data = event.data as Partial<DeviceLostMessage> | null;
      if (data && data.type === 'device-lost') {
        gpuLost = data.message ?? 'the GPU device was lost';
        crashed(s, gpuLost);
      }
    });
    s.ready.then(
      (info) => backendListeners.forEach((cb) => cb(info)),
      () => undefined,
    );
    return s;
  };

  const current = (): Session => {
    if (!session || session.dead) session = spawn();
    return session;
  };

  /** Races a worker call against worker death and the caller's abort signal. */
  function guard<T>(s: Session, call: () => Promise<T>, signal?: AbortSignal, onAbort?: () => void): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      if (s.dead) return reject(s.dead);
      if (signal?.aborted) return reject(new CancelledError());
      let settled = false;
      const settle = (): boolean => {
        if (settled) return false;
        settled = true;
        s.pending.delete(fail);
        signal?.removeEventListener('abort', abort);
        return true;
      };
      const fail = (err: Error): void => {
        if (settle()) reject(err);
      };
      const abort = (): void => {
        onAbort?.();
        fail(new CancelledError());
      };
      s.pending.add(fail);
      signal?.addEventListener('abort', abort, { once: true });
      call().then(
        (value) => {
          if (settle()) resolve(value);
        },
        (err: unknown) => fail(fromWorker(err)),
      );
    });
  }

  /** The worker's handle ids restart at 1 in every worker: prefix them with the session. */
  const toWorkerHandle = (s: Session, handle: ModelHandle): ModelHandle => {
    const [sessionId, ...rest] = handle.id.split(HANDLE_SEPARATOR);
    if (Number(sessionId) !== s.id || rest.length === 0) {
      throw new Error(
        `model "${handle.id}" was trained in a compute worker that has since restarted; train the model again`,
      );
    }
    return { ...handle, id: rest.join(HANDLE_SEPARATOR) };
  };

  const withSession = async <T>(run: (s: Session) => Promise<T>, signal?: AbortSignal): Promise<T> => {
    const s = current();
    await guard(s, () => s.ready, signal);
    return run(s);
  };

  return {
    backend: () => current().ready,

    train: (model: ModelSpec, training: TrainingSpec, data: WindowedData, options: CallOptions = {}) =>
      withSession(async (s) => {
        const { signal, onProgress } = options;
        if (signal?.aborted) throw new CancelledError();
        const jobId = `job-${++jobCount}`;
        const buffers = [...new Set([data.x.buffer, data.y.buffer])].filter(
          (b): b is ArrayBuffer => b instanceof ArrayBuffer,
        );
        const progress = onProgress ? Comlink.proxy(onProgress) : undefined;
        const handle = await guard(
          s,
          () => s.api.train(model, training, Comlink.transfer(data, buffers), progress, jobId),
          signal,
          () => void s.api.cancel(jobId).catch(() => undefined),
        );
        return { ...handle, id: `${s.id}${HANDLE_SEPARATOR}${handle.id}` };
      }, options.signal),

    predict: (handle: ModelHandle, data: WindowedData, options: CallOptions = {}) =>
      withSession((s) => {
        const inWorker = toWorkerHandle(s, handle);
        const sent: WindowedData = { ...data, x: data.x.slice(), y: new Float32Array(0) };
        return guard(s, () => s.api.predict(inWorker, Comlink.transfer(sent, [sent.x.buffer as ArrayBuffer])), options.signal);
      }, options.signal),

    release: async (handle: ModelHandle) => {
      const s = session;
      // A handle of a dead worker has nothing left to free.
      if (!s || s.dead) return;
      let inWorker: ModelHandle;
      try {
        inWorker = toWorkerHandle(s, handle);
      } catch {
        return;
      }
      await guard(s, () => s.api.release(inWorker));
    },

    terminate: () => {
      if (session) crash(session, new Error('the compute worker was stopped; press Run to start it again'));
      session = null;
    },

    onBackend: (cb) => {
      backendListeners.add(cb);
      return () => backendListeners.delete(cb);
    },
  };
}

/** comlink rebuilds thrown errors as plain Errors: restore CancelledError by its name. */
function fromWorker(err: unknown): Error {
  if (err instanceof Error) return err.name === 'CancelledError' ? new CancelledError(err.message) : err;
  return new Error(`the compute worker failed: ${String(err)}`);
}

/**
 * No Web Workers (old browser, some test runners): run in this thread, same contract. tfjs is
 * imported lazily so the page bundle does not carry it for a path that almost never runs.
 */
function createMainThreadExecutor(pref: BackendPreference): WorkerExecutor {
  let local: Promise<LocalExecutor> | null = null;
  const load = (): Promise<LocalExecutor> => {
    local ??= import('../ml/localExecutor').then((m) => m.createLocalExecutor(pref));
    return local;
  };
  const backendListeners = new Set<(info: BackendInfo) => void>();
  let announced = false;
  const backend = async (): Promise<BackendInfo> => {
    const info = await (await load()).backend();
    const withNote = { ...info, reason: `no Web Workers here, computing on the main thread; ${info.reason}` };
    if (!announced) {
      announced = true;
      backendListeners.forEach((cb) => cb(withNote));
    }
    return withNote;
  };
  return {
    backend,
    train: async (model, training, data, options) => {
      await backend();
      return (await load()).train(model, training, data, options);
    },
    predict: async (handle, data, options) => (await load()).predict(handle, data, options),
    release: async (handle) => (await load()).release(handle),
    terminate: () => void local?.then((l) => l.dispose()),
    onBackend: (cb) => {
      backendListeners.add(cb);
      return () => backendListeners.delete(cb);
    },
  };
}
