/**
 * Training loop and prediction on windowed data. Reproducible: seeded initializers plus our own
 * seeded permutation per epoch (tfjs's `shuffle: true` uses Math.random). Every tensor made here
 * is disposed here; `tf.memory().numTensors` is the same before and after train+predict+dispose.
 */
import * as tf from '@tensorflow/tfjs';
import { CancelledError } from '../core/executor';
import type { ModelSpec, TrainingSpec, TrainProgress, WindowedData } from '../core/executor';
import { createRng, shuffleInPlace } from '../core/rng';
import { modelDefinition, type BuiltModel } from './models/registry';

export interface TrainHooks {
  onProgress?: (p: TrainProgress) => void;
  /** Polled at every batch end; true cancels (the promise rejects with CancelledError). */
  shouldStop?: () => boolean;
}

export interface TrainedModel {
  spec: ModelSpec;
  built: BuiltModel;
  lookback: number;
  features: number;
  horizon: number;
  /** Mean training loss per epoch (empty for models that do not train). */
  epochLoss: number[];
  trainSeconds: number;
}

/** Lets the event loop run (cancel messages arrive); tf.nextFrame needs rAF, absent in workers/Node. */
const yieldToEventLoop = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0));

export async function trainModel(
  model: ModelSpec,
  training: TrainingSpec,
  data: WindowedData,
  hooks: TrainHooks = {},
): Promise<TrainedModel> {
  checkData(data, model.lookback);
  checkTraining(training);
  if (hooks.shouldStop?.()) throw new CancelledError();
  const definition = modelDefinition(model.type);
  const built = definition.build(model, { features: data.features, horizon: data.horizon }, training.seed);
  const trained: TrainedModel = {
    spec: model,
    built,
    lookback: data.lookback,
    features: data.features,
    horizon: data.horizon,
    epochLoss: [],
    trainSeconds: 0,
  };
  if (built.kind === 'array') return trained;
  try {
    const started = performance.now();
    await fitLayers(built.model, training, data, hooks, trained.epochLoss);
    trained.trainSeconds = (performance.now() - started) / 1000;
    return trained;
  } catch (err) {
    disposeModel(trained);
    throw err;
  }
}

async function fitLayers(
  model: tf.LayersModel,
  training: TrainingSpec,
  data: WindowedData,
  hooks: TrainHooks,
  epochLoss: number[],
): Promise<void> {
  const { n, lookback, features, horizon } = data;
  const optimizer = tf.train.adam(training.learningRate);
  model.compile({ optimizer, loss: 'meanSquaredError' });
  const xAll = tf.tensor3d(data.x, [n, lookback, features]);
  const yAll = tf.tensor2d(data.y, [n, horizon]);
  const rng = createRng(training.seed);
  const order = new Int32Array(n);
  for (let i = 0; i < n; i++) order[i] = i;
  const batches = Math.ceil(n / training.batchSize);
  const started = performance.now();
  let seen = 0;
  let stopped = false;
  try {
    for (let epoch = 0; epoch < training.epochs && !stopped; epoch++) {
      shuffleInPlace(order, rng);
      const [xs, ys] = tf.tidy(() => {
        const idx = tf.tensor1d(order, 'int32');
        return [tf.gather(xAll, idx), tf.gather(yAll, idx)] as const;
      });
      let lossSum = 0;
      try {
        await model.fit(xs, ys, {
          epochs: 1,
          batchSize: training.batchSize,
          shuffle: false,
          verbose: 0,
          // 'auto' yields with tf.nextFrame (requestAnimationFrame): stalls in hidden tabs.
          yieldEvery: 'never',
          callbacks: {
            onBatchEnd: async (batch, logs) => {
              const loss = logs?.['loss'] ?? NaN;
              const size = logs?.['size'] ?? training.batchSize;
              seen += size;
              lossSum += loss * size;
              const seconds = (performance.now() - started) / 1000;
              hooks.onProgress?.({
                epoch: epoch + 1,
                epochs: training.epochs,
                batch: batch + 1,
                batches,
                loss,
                samplesPerSecond: seconds > 0 ? seen / seconds : 0,
              });
              await yieldToEventLoop();
              if (hooks.shouldStop?.()) {
                stopped = true;
                model.stopTraining = true;
              }
            },
          },
        });
      } finally {
        tf.dispose([xs, ys]);
      }
      epochLoss.push(lossSum / n);
    }
  } finally {
    tf.dispose([xAll, yAll]);
    // compile() does not take ownership of an optimizer passed as an object: free its slots.
    optimizer.dispose();
  }
  if (stopped) throw new CancelledError();
}

/**
 * [n, horizon] predictions for the windows in `data` (its y is not read). Async because a
 * synchronous read from WebGPU is a slow canvas round trip (tfjs warns about it).
 */
export async function predict(trained: TrainedModel, data: WindowedData): Promise<Float32Array> {
  checkData(data, trained.lookback, false);
  if (data.features !== trained.features || data.horizon !== trained.horizon) {
    throw new Error(
      `predict: model expects ${trained.features} features and horizon ${trained.horizon}, ` +
        `got ${data.features} and ${data.horizon}`,
    );
  }
  const { built } = trained;
  if (built.kind === 'array') return built.model.predict(data);
  const out = tf.tidy(() => {
    const x = tf.tensor3d(data.x, [data.n, data.lookback, data.features]);
    return built.model.predict(x, { batchSize: 256 }) as tf.Tensor;
  });
  try {
    // data() may hand back the backend's own buffer on cpu: copy before the tensor goes.
    return Float32Array.from(await out.data());
  } finally {
    out.dispose();
  }
}

export function disposeModel(trained: TrainedModel): void {
  if (trained.built.kind === 'layers') trained.built.model.dispose();
}

function checkData(data: WindowedData, lookback: number, needY = true): void {
  const { n, features, horizon } = data;
  const sizes = { n, lookback: data.lookback, features, horizon };
  for (const [name, v] of Object.entries(sizes)) {
    if (!Number.isInteger(v) || v < 1) throw new Error(`windowed data: ${name} must be an integer >= 1, got ${v}`);
  }
  if (data.lookback !== lookback) {
    throw new Error(`windowed data has lookback ${data.lookback} but the model expects ${lookback}; rebuild the windows`);
  }
  if (data.x.length !== n * data.lookback * features) {
    throw new Error(`windowed data: x has ${data.x.length} values, expected n*lookback*features = ${n * data.lookback * features}`);
  }
  if (needY && data.y.length !== n * horizon) {
    throw new Error(`windowed data: y has ${data.y.length} values, expected n*horizon = ${n * horizon}`);
  }
}

function checkTraining(t: TrainingSpec): void {
  if (!Number.isInteger(t.epochs) || t.epochs < 1) throw new Error(`training.epochs must be an integer >= 1, got ${t.epochs}`);
  if (!Number.isInteger(t.batchSize) || t.batchSize < 1) throw new Error(`training.batchSize must be an integer >= 1, got ${t.batchSize}`);
  if (!(t.learningRate > 0)) throw new Error(`training.learningRate must be > 0, got ${t.learningRate}`);
  if (!Number.isFinite(t.seed)) throw new Error(`training.seed must be a finite number, got ${t.seed}`);
}
