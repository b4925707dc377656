/**
 * The executor that runs in this thread: inside the compute worker, in Node (CLI), and as the
 * page's fallback when there are no Web Workers. Trained models stay here, named by handle id.
 */
import { CancelledError } from '../core/executor';
import type {
  BackendInfo,
  BackendPreference,
  CallOptions,
  Executor,
  GradientOptions,
  ModelHandle,
  ModelSpecInput,
  TrainingSpec,
  WindowedData,
} from '../core/executor';
import { selectBackend, type BackendEnv } from './backend';
import { attentionWeights } from './explain/attentionWeights';
import { inputGradients } from './explain/inputGradients';
import { predictOutput } from './explain/predictOutput';
import { modelRecurrentStates } from './fused/modelGates';
import { exportTrained, importTrained, type ModelBundle } from './persist';
import { disposeModel, predict, trainModel, type TrainedModel } from './train';

export interface LocalExecutor extends Executor {
  /** Stops every running training at its next batch end (each rejects with CancelledError). */
  cancelAll(): void;
  /** cancelAll() and release every model. */
  dispose(): void;
  /** The model as storable data (src/storage/modelStore saveModel takes it as is). */
  exportModel(handle: ModelHandle): Promise<ModelBundle>;
  /** A stored model (modelStore loadModel) back as a live handle. */
  importModel(bundle: { meta: unknown; parts: ModelBundle['parts'] }): Promise<ModelHandle>;
}

export function createLocalExecutor(pref: BackendPreference, env: BackendEnv = {}): LocalExecutor {
  let selected: Promise<BackendInfo> | null = null;
  const models = new Map<string, TrainedModel>();
  let nextId = 1;
  // Bumped by cancelAll(); a training started under an older generation stops.
  let generation = 0;

  const backend = (): Promise<BackendInfo> => {
    selected ??= selectBackend(pref, env);
    return selected;
  };

  const lookup = (handle: ModelHandle): TrainedModel => {
    const trained = models.get(handle.id);
    if (!trained) {
      throw new Error(
        `unknown model handle "${handle.id}": it was released, or trained in a compute worker that has ` +
          'since restarted; train the model again',
      );
    }
    return trained;
  };

  const throwIfAborted = (signal: AbortSignal | undefined): void => {
    if (signal?.aborted) throw new CancelledError();
  };

  return {
    backend,

    async train(model: ModelSpecInput, training: TrainingSpec, data: WindowedData, options: CallOptions = {}) {
      const { signal, onProgress } = options;
      const info = await backend();
      throwIfAborted(signal);
      const started = generation;
      const trained = await trainModel(model, training, data, {
        ...(onProgress ? { onProgress } : {}),
        shouldStop: () => signal?.aborted === true || generation !== started,
      });
      const id = `model-${nextId++}`;
      models.set(id, trained);
      const engine = trained.engineLabel ?? (trained.built.kind === 'array' ? 'closed form (no gradient training)' : 'tfjs layers');
      return { id, backend: info.backend, engine };
    },

    async predict(handle: ModelHandle, data: WindowedData, options: CallOptions = {}) {
      await backend();
      throwIfAborted(options.signal);
      return predict(lookup(handle), data);
    },

    async inputGradients(handle: ModelHandle, data: WindowedData, options: GradientOptions = {}) {
      await backend();
      throwIfAborted(options.signal);
      return inputGradients(lookup(handle), data, options);
    },

    async predictOutput(handle: ModelHandle, data: WindowedData, options: GradientOptions = {}) {
      await backend();
      throwIfAborted(options.signal);
      return predictOutput(lookup(handle), data, options);
    },

    async attentionWeights(handle: ModelHandle, data: WindowedData, options: CallOptions = {}) {
      await backend();
      throwIfAborted(options.signal);
      return attentionWeights(lookup(handle), data, options.signal);
    },

    async recurrentStates(handle: ModelHandle, data: WindowedData, options: CallOptions = {}) {
      await backend();
      throwIfAborted(options.signal);
      return modelRecurrentStates(lookup(handle), data, options.signal);
    },

    async release(handle: ModelHandle) {
      const trained = models.get(handle.id);
      if (!trained) return;
      models.delete(handle.id);
      disposeModel(trained);
    },

    cancelAll() {
      generation++;
    },

    async exportModel(handle: ModelHandle) {
      await backend();
      return exportTrained(lookup(handle));
    },

    async importModel(bundle) {
      const info = await backend();
      const id = `model-${nextId++}`;
      models.set(id, await importTrained(bundle));
      return { id, backend: info.backend };
    },

    dispose() {
      generation++;
      for (const trained of models.values()) disposeModel(trained);
      models.clear();
    },
  };
}
