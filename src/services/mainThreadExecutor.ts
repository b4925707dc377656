/**
 * No Web Workers (old browser, some test runners): run in this thread, same contract. tfjs is
 * imported lazily so the page bundle does not carry it for a path that almost never runs.
 */
import type { BackendInfo, BackendPreference } from '../core/executor';
import type { LocalExecutor } from '../ml/localExecutor';
import type { WorkerExecutor } from './workerExecutor';

export function createMainThreadExecutor(pref: BackendPreference): WorkerExecutor {
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
    // One thread: trainings run one at a time.
    parallelism: 1,
    backend,
    train: async (model, training, data, options) => {
      await backend();
      return (await load()).train(model, training, data, options);
    },
    predict: async (handle, data, options) => (await load()).predict(handle, data, options),
    inputGradients: async (handle, data, options) => (await load()).inputGradients(handle, data, options),
    predictOutput: async (handle, data, options) => (await load()).predictOutput(handle, data, options),
    attentionWeights: async (handle, data, options) => (await load()).attentionWeights(handle, data, options),
    recurrentStates: async (handle, data, options) => (await load()).recurrentStates(handle, data, options),
    release: async (handle) => (await load()).release(handle),
    exportModel: async (handle) => (await load()).exportModel(handle),
    importModel: async (bundle) => {
      await backend();
      return (await load()).importModel(bundle);
    },
    terminate: () => void local?.then((l) => l.dispose()),
    onBackend: (cb) => {
      backendListeners.add(cb);
      return () => backendListeners.delete(cb);
    },
  };
}
