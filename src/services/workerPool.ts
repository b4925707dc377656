/**
 * A pool of compute workers behind the Executor interface, so walk-forward folds train in
 * parallel (ARCHITECTURE.md "Compute"). `train` goes to an idle worker (a new one while the pool
 * is below its size); the handle remembers its worker, so predict and release go there. Data is
 * transferred, never copied (workerExecutor.ts). A worker with no call in flight and no live
 * model shuts down after `idleTimeoutMs`. On webgpu the pool keeps ONE worker: it owns the GPU.
 * Without Web Workers it runs on the main thread.
 */
import type { BackendInfo, BackendPreference, ModelHandle } from '../core/executor';
import { createBackendCache } from './backendCache';
import { createMainThreadExecutor } from './mainThreadExecutor';
import { createWorkerExecutor, type WorkerExecutor, type WorkerExecutorOptions } from './workerExecutor';

export interface WorkerPoolOptions extends Omit<WorkerExecutorOptions, 'decided'> {
  /** Workers at most; default hardwareConcurrency - 1, at least 1. */
  size?: number | undefined;
  /** A worker idle this long (no call, no live model) is stopped. Default 60 s. */
  idleTimeoutMs?: number;
}

export interface WorkerPool extends WorkerExecutor {
  readonly size: number;
  /** Workers running now. */
  workers(): number;
}

interface Slot {
  executor: WorkerExecutor;
  /** Trainings in flight: a slot with none is idle and takes the next train. */
  training: number;
  /** Calls in flight plus live models: at 0 the idle timer runs. */
  busy: number;
  idleTimer: ReturnType<typeof setTimeout> | undefined;
}

export function defaultPoolSize(): number {
  const cores = globalThis.navigator?.hardwareConcurrency ?? 2;
  return Math.max(1, cores - 1);
}

export function createWorkerPool(pref: BackendPreference, options: WorkerPoolOptions = {}): WorkerPool {
  const size = Math.max(1, Math.floor(options.size ?? defaultPoolSize()));
  if (typeof Worker === 'undefined' && !options.spawnWorker) {
    return Object.assign(createMainThreadExecutor(pref), { size: 1, workers: () => 0 });
  }
  const idleTimeoutMs = options.idleTimeoutMs ?? 60_000;
  const cache = options.cache === undefined ? createBackendCache() : options.cache;
  const slots: Slot[] = [];
  const owners = new Map<string, { slot: Slot; inner: ModelHandle }>();
  const listeners = new Set<(info: BackendInfo) => void>();
  const waiters: (() => void)[] = [];
  /** The first worker's backend: the others start from it instead of measuring again. */
  let decided: BackendInfo | null = null;
  let handleCount = 0;

  const limit = (): number => (decided?.backend === 'webgpu' ? 1 : size);

  const open = (): Slot => {
    const executor = createWorkerExecutor(pref, {
      ...options,
      cache,
      decided: decided ? { backend: decided.backend, reason: decided.reason } : undefined,
    });
    const slot: Slot = { executor, training: 0, busy: 0, idleTimer: undefined };
    executor.onBackend((info) => {
      decided ??= info;
      listeners.forEach((cb) => cb(info));
    });
    slots.push(slot);
    return slot;
  };

  const hold = (slot: Slot): void => {
    slot.busy++;
    clearTimeout(slot.idleTimer);
    slot.idleTimer = undefined;
  };
  const letGo = (slot: Slot): void => {
    slot.busy--;
    if (slot.busy > 0) return;
    slot.idleTimer = setTimeout(() => {
      const i = slots.indexOf(slot);
      if (i < 0 || slot.busy > 0) return;
      slots.splice(i, 1);
      slot.executor.terminate();
    }, idleTimeoutMs);
  };
  const wake = (): void => waiters.shift()?.();

  const first = async (): Promise<Slot> => {
    const slot = slots[0] ?? open();
    if (!decided) decided = await slot.executor.backend();
    return slot;
  };

  /** An idle worker, a new one while below the limit, or the next to finish; marked as training. */
  const acquire = async (): Promise<Slot> => {
    for (;;) {
      if (slots.length === 0) await first();
      const idle = slots.find((s) => s.training === 0);
      // A second worker starts from the first one's backend: wait until it is known.
      if (!idle && !decided) {
        await first();
        continue;
      }
      // No await between choosing a slot and marking it: concurrent calls never share one.
      const slot = idle ?? (slots.length < limit() ? open() : null);
      if (slot) {
        slot.training++;
        return slot;
      }
      await new Promise<void>((resolve) => waiters.push(resolve));
    }
  };

  /** Runs `make` on a free worker; the model it makes stays on that worker until released. */
  const onFreeSlot = async (make: (slot: Slot) => Promise<ModelHandle>): Promise<ModelHandle> => {
    const slot = await acquire();
    hold(slot);
    try {
      const inner = await make(slot);
      const id = `p${++handleCount}`;
      owners.set(id, { slot, inner });
      hold(slot); // the live model keeps its worker
      return { id, backend: inner.backend, ...(inner.engine ? { engine: inner.engine } : {}) };
    } finally {
      slot.training--;
      letGo(slot);
      wake();
    }
  };

  const ownerOf = (handle: ModelHandle) => {
    const owner = owners.get(handle.id);
    if (!owner) throw new Error(`unknown model handle "${handle.id}": it was released; train the model again`);
    return owner;
  };

  return {
    size,
    get parallelism() {
      return limit();
    },
    workers: () => slots.length,

    async backend() {
      const slot = await first();
      hold(slot);
      try {
        return await slot.executor.backend();
      } finally {
        letGo(slot);
      }
    },

    train(model, training, data, callOptions) {
      return onFreeSlot((slot) => slot.executor.train(model, training, data, callOptions));
    },

    async predict(handle, data, callOptions) {
      const { slot, inner } = ownerOf(handle);
      hold(slot);
      try {
        return await slot.executor.predict(inner, data, callOptions);
      } finally {
        letGo(slot);
      }
    },

    async inputGradients(handle, data, callOptions) {
      const { slot, inner } = ownerOf(handle);
      hold(slot);
      try {
        return await slot.executor.inputGradients(inner, data, callOptions);
      } finally {
        letGo(slot);
      }
    },

    async predictOutput(handle, data, callOptions) {
      const { slot, inner } = ownerOf(handle);
      hold(slot);
      try {
        return await slot.executor.predictOutput(inner, data, callOptions);
      } finally {
        letGo(slot);
      }
    },

    async attentionWeights(handle, data, callOptions) {
      const { slot, inner } = ownerOf(handle);
      hold(slot);
      try {
        return await slot.executor.attentionWeights(inner, data, callOptions);
      } finally {
        letGo(slot);
      }
    },

    async recurrentStates(handle, data, callOptions) {
      const { slot, inner } = ownerOf(handle);
      hold(slot);
      try {
        return await slot.executor.recurrentStates(inner, data, callOptions);
      } finally {
        letGo(slot);
      }
    },

    async exportModel(handle, callOptions) {
      const { slot, inner } = ownerOf(handle);
      hold(slot);
      try {
        return await slot.executor.exportModel(inner, callOptions);
      } finally {
        letGo(slot);
      }
    },

    importModel(bundle, callOptions) {
      return onFreeSlot((slot) => slot.executor.importModel(bundle, callOptions));
    },

    async release(handle) {
      const owner = owners.get(handle.id);
      if (!owner) return;
      owners.delete(handle.id);
      try {
        await owner.slot.executor.release(owner.inner);
      } finally {
        letGo(owner.slot);
      }
    },

    terminate() {
      for (const slot of slots.splice(0)) {
        clearTimeout(slot.idleTimer);
        slot.executor.terminate();
      }
      owners.clear();
      decided = null;
      waiters.splice(0).forEach((w) => w());
    },

    onBackend(cb) {
      listeners.add(cb);
      return () => listeners.delete(cb);
    },
  };
}
