/**
 * The page's executor for ONE compute worker (workers/compute.worker.ts), over comlink; the
 * pool (workerPool.ts) runs several. Every call can be cancelled and rejects, never hangs, when
 * the worker dies (workerSession.ts).
 *
 * Falling back: when the GPU device is lost or the backend runs out of memory during a call,
 * that call is retried ONCE on a fresh worker with the next backend (webgpu -> wasm -> cpu) and
 * the backend listeners hear the new backend with the reason. A predict (or inputGradients) whose model died with
 * its worker retrains it there first (same spec, data and seed). Any other crash rejects with
 * "the compute worker crashed: ...; press Run to restart".
 *
 * A worker that goes silent (stuck in a loop, closed itself, never loaded) is terminated by the
 * watchdog in workerSession.ts after `silenceBudgetMs`; one that has not stopped 1 s after Cancel
 * is terminated too, and so is one that still beats but finishes no batch for `batchDeadlineMs`.
 * Either way the next call starts a new worker.
 *
 * 'auto': the first worker measures the backends (src/ml/backendProbe.ts) and the page caches
 * the result per device (backendCache.ts); later workers start from that decision.
 *
 * Ownership: `train` TRANSFERS data.x and data.y to the worker (zero-copy); afterwards the
 * caller's arrays are detached (length 0). To retry after a failure the executor keeps its own
 * copy while the model lives, on webgpu always, elsewhere up to `retryCopyBytes`. `predict`
 * copies x (test sets are small) and does not send y, so the caller keeps both.
 */
import * as Comlink from 'comlink';
import { DEVICE_LOST_ERROR, OUT_OF_MEMORY_ERROR } from '../core/executor';
import type { BackendInfo, BackendName, BackendPreference, CallOptions, Executor, ModelHandle, ModelSpecInput, TrainingSpec, WindowedData } from '../core/executor';
import { nextBackend } from '../ml/failures';
import type { PortableBundle } from '../ml/modelFiles';
import { createBackendCache, type BackendCache, type DecidedBackend } from './backendCache';
import { createMainThreadExecutor } from './mainThreadExecutor';
import {
  crash,
  DEFAULT_CANCEL_GRACE_MS,
  guard,
  openSession,
  spawnComputeWorker,
  type GuardOptions,
  type Session,
  type SpawnWorker,
} from './workerSession';

/** Models as data (src/ml/persist): out of the worker to be stored, and back in to predict. */
export interface ModelPorting {
  /** The model's description and weights; the weight buffers are transferred out of the worker. */
  exportModel(handle: ModelHandle, options?: CallOptions): Promise<PortableBundle>;
  /** A live handle for a stored model (no training). TRANSFERS the bundle's weight buffers. */
  importModel(bundle: PortableBundle, options?: CallOptions): Promise<ModelHandle>;
}

export interface WorkerExecutor extends Executor, ModelPorting {
  /** Stops the worker; pending calls reject. The next call starts a new one. */
  terminate(): void;
  /** Called with the backend each time a worker starts (again after a restart or a fallback). */
  onBackend(cb: (info: BackendInfo) => void): () => void;
}

export interface WorkerExecutorOptions {
  /** 'auto' only: start from this decision (a pool's other workers) instead of the cache or a probe. */
  decided?: DecidedBackend | undefined;
  /** Where 'auto' measurements are kept; default localStorage per device; null keeps nothing. */
  cache?: BackendCache | null;
  /** Makes the worker; tests inject a fake. */
  spawnWorker?: SpawnWorker;
  /** Off webgpu, training data up to this size is copied so a failure can be retried. Default 16 MB. */
  retryCopyBytes?: number;
  /** A worker not heard from this long during a call is terminated (workerSession.ts). Default 30 s. */
  silenceBudgetMs?: number | undefined;
  /** A call that sees no training batch finish this long terminates the worker (workerSession.ts). Default 120 s. */
  batchDeadlineMs?: number | undefined;
  /** After Cancel, a worker whose call has not ended within this many ms is terminated. Default 1 s. */
  cancelGraceMs?: number | undefined;
}

interface Recipe {
  model: ModelSpecInput;
  training: TrainingSpec;
  data: WindowedData;
}
interface Entry {
  sessionId: number;
  inner: ModelHandle;
  recipe: Recipe | null;
}

const RANK: Record<BackendName, number> = { webgpu: 0, wasm: 1, cpu: 2 };

const weightBuffers = (bundle: PortableBundle): ArrayBuffer[] => [
  ...new Set(bundle.parts.flatMap((p) => (p.weightData instanceof ArrayBuffer ? [p.weightData] : p.weightData ?? []))),
];
const copyData = (d: WindowedData): WindowedData => ({ ...d, x: d.x.slice(), y: d.y.slice() });
const retryable = (err: unknown): err is Error =>
  err instanceof Error && (err.name === DEVICE_LOST_ERROR || err.name === OUT_OF_MEMORY_ERROR);

export function createWorkerExecutor(pref: BackendPreference, options: WorkerExecutorOptions = {}): WorkerExecutor {
  if (typeof Worker === 'undefined' && !options.spawnWorker) return createMainThreadExecutor(pref);
  const spawnWorker = options.spawnWorker ?? spawnComputeWorker;
  const cache = options.cache === undefined ? createBackendCache() : options.cache;
  const retryCopyBytes = options.retryCopyBytes ?? 16 * 1024 * 1024;
  const sessionOptions = { silenceBudgetMs: options.silenceBudgetMs, batchDeadlineMs: options.batchDeadlineMs };
  const stopWithinMs = options.cancelGraceMs ?? DEFAULT_CANCEL_GRACE_MS;
  const asking = (what: string): GuardOptions => ({ what, stopWithinMs });

  let session: Session | null = null;
  let sessionCount = 0;
  let jobCount = 0;
  let handleCount = 0;
  let downgrade: { backend: BackendName; why: string } | null = null;
  const entries = new Map<string, Entry>();
  const backendListeners = new Set<(info: BackendInfo) => void>();

  const degrade = (from: BackendName, why: string): boolean => {
    const next = nextBackend(from);
    if (!next) return false;
    if (!downgrade || RANK[downgrade.backend] < RANK[next]) downgrade = { backend: next, why };
    return true;
  };

  const init = async (api: Session['api']): Promise<BackendInfo> => {
    if (downgrade) {
      const { backend, why } = downgrade;
      const info = await api.init(backend);
      return { ...info, reason: `${why}; continued on ${info.backend} (${info.reason.replace(/^forced:\s*/, '')})` };
    }
    if (pref !== 'auto') return api.init(pref);
    const decided = options.decided ?? (await cache?.get()) ?? null;
    if (decided) return api.init('auto', { decided });
    const info = await api.init('auto', { measure: true });
    await cache?.put(info);
    return info;
  };

  const spawn = (): Session => {
    const s = openSession(
      ++sessionCount,
      spawnWorker,
      init,
      (dead) => {
        if (session === dead) session = null;
        if (dead.dead?.name === DEVICE_LOST_ERROR) degrade('webgpu', dead.dead.message);
      },
      sessionOptions,
    );
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

  const startUp = (s: Session, signal?: AbortSignal): Promise<BackendInfo> =>
    guard(s, () => s.ready, signal, undefined, { what: 'start-up (choosing the backend)' });

  /** The current worker once started; a device lost while it starts (measuring webgpu, say) moves on to the next backend. */
  const ready = async (signal?: AbortSignal): Promise<{ s: Session; info: BackendInfo }> => {
    const s = current();
    try {
      return { s, info: await startUp(s, signal) };
    } catch (err) {
      if (!retryable(err) || !(await fallBack(s, err))) throw err;
      const next = current();
      return { s: next, info: await startUp(next, signal) };
    }
  };

  /** After a retryable failure on `s`: drop that worker and move on; false at the end of the line. */
  const fallBack = async (s: Session, err: Error): Promise<boolean> => {
    const info = await s.ready.catch(() => null);
    if (!degrade(info?.backend ?? 'webgpu', err.message)) return false;
    crash(s, err);
    if (session === s) session = null;
    return true;
  };

  const trainOn = (s: Session, model: ModelSpecInput, training: TrainingSpec, data: WindowedData, options: CallOptions) => {
    const { signal, onProgress } = options;
    const jobId = `job-${++jobCount}`;
    const buffers = [...new Set([data.x.buffer, data.y.buffer])].filter((b): b is ArrayBuffer => b instanceof ArrayBuffer);
    const progress = onProgress ? Comlink.proxy(onProgress) : undefined;
    return guard(
      s,
      () => s.api.train(model, training, Comlink.transfer(data, buffers), progress, jobId),
      signal,
      () => void s.api.cancel(jobId).catch(() => undefined),
      asking(`train ${model.type} (${data.n} windows)`),
    );
  };

  /**
   * Runs `call` on the worker that holds the model; a model whose worker restarted is retrained
   * there first (same recipe), and a retryable failure moves once to the next backend.
   */
  const onModel = async <T>(handle: ModelHandle, signal: AbortSignal | undefined, call: (s: Session, inner: ModelHandle) => Promise<T>): Promise<T> => {
    const entry = entries.get(handle.id);
    if (!entry) throw new Error(`unknown model handle "${handle.id}": it was released; train the model again`);
    const signalOnly: CallOptions = signal ? { signal } : {};
    let used: Session | null = null;
    const attempt = async (): Promise<T> => {
      const { s } = await ready(signal);
      used = s;
      if (entry.sessionId !== s.id) {
        if (!entry.recipe) {
          throw new Error(`model "${handle.id}" was trained in a compute worker that has since restarted; train the model again`);
        }
        const { model, training, data: kept } = entry.recipe;
        entry.inner = await trainOn(s, model, training, copyData(kept), signalOnly);
        entry.sessionId = s.id;
      }
      return call(s, entry.inner);
    };
    try {
      return await attempt();
    } catch (err) {
      if (!entry.recipe || !retryable(err) || !used || !(await fallBack(used, err))) throw err;
      return attempt();
    }
  };

  /** A call on the model's worker that sends a copy of the windows (transferred) without y. */
  const withWindows = (
    handle: ModelHandle,
    data: WindowedData,
    signal: AbortSignal | undefined,
    what: string,
    call: (s: Session, inner: ModelHandle, sent: WindowedData) => Promise<Float32Array>,
    onCancel?: (s: Session) => void,
  ): Promise<Float32Array> =>
    onModel(handle, signal, (s, inner) => {
      const sent: WindowedData = { ...data, x: data.x.slice(), y: new Float32Array(0) };
      return guard(
        s,
        () => call(s, inner, Comlink.transfer(sent, [sent.x.buffer as ArrayBuffer])),
        signal,
        onCancel ? () => onCancel(s) : undefined,
        asking(`${what} (${data.n} windows)`),
      );
    });

  return {
    backend: () => current().ready,

    async train(model, training, data, options = {}) {
      const { s, info } = await ready(options.signal);
      const bytes = data.x.byteLength + data.y.byteLength;
      const recipe = info.backend === 'webgpu' || bytes <= retryCopyBytes ? { model, training, data: copyData(data) } : null;
      let owner = s;
      let inner: ModelHandle;
      try {
        inner = await trainOn(s, model, training, data, options);
      } catch (err) {
        if (!recipe || !retryable(err) || !(await fallBack(s, err))) throw err;
        owner = (await ready(options.signal)).s;
        inner = await trainOn(owner, model, training, copyData(recipe.data), options);
      }
      const id = `h${++handleCount}`;
      entries.set(id, { sessionId: owner.id, inner, recipe });
      return { id, backend: inner.backend, ...(inner.engine ? { engine: inner.engine } : {}) };
    },

    predict(handle, data, options = {}) {
      return withWindows(handle, data, options.signal, 'predict', (s, inner, sent) => s.api.predict(inner, sent));
    },

    inputGradients(handle, data, options = {}) {
      const { signal, onProgress, output = 0 } = options;
      const jobId = `job-${++jobCount}`;
      const progress = onProgress ? Comlink.proxy(onProgress) : undefined;
      const call = (s: Session, inner: ModelHandle, sent: WindowedData) => s.api.inputGradients(inner, sent, output, progress, jobId);
      return withWindows(handle, data, signal, 'input gradients', call, (s) => void s.api.cancel(jobId).catch(() => undefined));
    },

    predictOutput(handle, data, options = {}) {
      return withWindows(handle, data, options.signal, 'predict output', (s, inner, sent) => s.api.predictOutput(inner, sent, options.output ?? 0));
    },

    attentionWeights(handle, data, options = {}) {
      return withWindows(handle, data, options.signal, 'attention weights', (s, inner, sent) => s.api.attentionWeights(inner, sent));
    },

    recurrentStates(handle, data, options = {}) {
      return withWindows(handle, data, options.signal, 'recurrent states', (s, inner, sent) => s.api.recurrentStates(inner, sent));
    },

    async exportModel(handle, options = {}) {
      const entry = entries.get(handle.id);
      if (!entry) throw new Error(`unknown model handle "${handle.id}": it was released; train the model again`);
      const s = current();
      if (entry.sessionId !== s.id) throw new Error(`model "${handle.id}" was trained in a compute worker that has since restarted; train the model again`);
      return guard(s, () => s.api.exportModel(entry.inner), options.signal, undefined, asking('export model'));
    },

    async importModel(bundle, options = {}) {
      const { s } = await ready(options.signal);
      const inner = await guard(
        s,
        () => s.api.importModel(Comlink.transfer(bundle, weightBuffers(bundle))),
        options.signal,
        undefined,
        asking('import model'),
      );
      const id = `h${++handleCount}`;
      // No recipe: an imported model is not retrained elsewhere; import it again instead.
      entries.set(id, { sessionId: s.id, inner, recipe: null });
      return { id, backend: inner.backend, ...(inner.engine ? { engine: inner.engine } : {}) };
    },

    async release(handle) {
      const entry = entries.get(handle.id);
      if (!entry) return;
      entries.delete(handle.id);
      const s = session;
      // A model of a dead worker has nothing left to free.
      if (!s || s.dead || s.id !== entry.sessionId) return;
      await guard(s, () => s.api.release(entry.inner), undefined, undefined, { what: 'release model' });
    },

    terminate() {
      if (session) crash(session, new Error('the compute worker was stopped; press Run to start it again'));
      session = null;
    },

    onBackend(cb) {
      backendListeners.add(cb);
      return () => backendListeners.delete(cb);
    },
  };
}
