/**
 * Training loop and prediction on windowed data. Reproducible: seeded initializers, seeded
 * dropout masks and our own seeded permutation per epoch. A custom loop (not model.fit) so we
 * can clip gradients by global norm (tfjs Adam has no clipnorm), schedule the learning rate,
 * early-stop on the validation TAIL of the training window (restoring the best weights) and
 * cancel within one batch. Every tensor made here is disposed here: `tf.memory().numTensors` is
 * the same before and after train + predict + dispose.
 */
import * as tf from '@tensorflow/tfjs';
import { CancelledError } from '../core/executor';
import type { ModelSpec, ModelSpecInput, TrainingSpec, TrainProgress, WindowedData } from '../core/executor';
import { createRng, shuffleInPlace } from '../core/rng';
import { combinePredictions, trainEnsemble } from './models/ensemble';
import { fusedUnsupported, trainFused } from './fused';
import { trainWgsl, wgslEngineChoice } from './webgpu';
import { modelDefinition, parseModelSpec } from './models/registry';
import { checkSpec, executorTrainingSchema } from '../spec';
import { outputsPerStep, resolveTarget, untrainedRecord, type ModelShape, type ResolvedTarget, type TrainedModel } from './models/types';

export type { TrainedModel } from './models/types';
export { learningRateAt, lossFor, TRAINING_DEFAULTS } from './optimization';
export type { TrainHooks } from './optimization';
import { applyClipped, batchReporter, earlyStopping, learningRateAt, lossFor, splitValidation, validationPurge, yieldToEventLoop, type TrainHooks } from './optimization';

/** Checks the model and training specs against their declarations (src/spec) and fills their defaults. */
export async function trainModel(
  modelSpec: ModelSpecInput,
  trainingSpec: TrainingSpec,
  data: WindowedData,
  hooks: TrainHooks = {},
): Promise<TrainedModel> {
  const model = parseModelSpec(modelSpec);
  const training = checkSpec(executorTrainingSchema, trainingSpec, 'training');
  checkData(data, model.lookback);
  if (hooks.shouldStop?.()) throw new CancelledError();
  const target = resolveTarget(training.target);
  const shape: ModelShape = {
    lookback: data.lookback,
    features: data.features,
    horizon: data.horizon,
    target,
    outputs: data.horizon * outputsPerStep(target),
  };
  const started = performance.now();
  const base: Omit<TrainedModel, 'built'> = untrainedRecord(model, target, shape);
  const seconds = (): number => (performance.now() - started) / 1000;

  if ((model.type === 'lstm' || model.type === 'gru') && model.engine !== 'tfjs') {
    const unsupported = fusedUnsupported(model, training);
    if (unsupported === null) {
      const wgsl = model.type === 'lstm' ? await wgslEngineChoice(model, training) : null;
      if (model.type === 'lstm' && wgsl?.use) return { ...(await trainWgsl(model, training, data, hooks)), engineLabel: wgsl.label };
      const fused = await trainFused(model, training, data, hooks);
      return { ...fused, engineLabel: `fused ${fused.engine.kind === 'wasm' ? 'wasm SIMD' : 'JS'}${fused.engine.kind === 'js' ? ` (${fused.engine.reason})` : ''}` };
    }
    base.engineLabel = `tfjs layers (${unsupported})`;
  }
  if (model.type === 'ensemble') {
    const ops = {
      train: (m: ModelSpec, t: TrainingSpec, d: WindowedData, onProgress?: (p: TrainProgress) => void) =>
        trainModel(m, t, d, { ...hooks, ...(onProgress ? { onProgress } : {}) }),
      predict,
      dispose: disposeModel,
    };
    const built = await trainEnsemble(model, training, data, shape, ops, hooks.onProgress);
    return { ...base, built, trainSeconds: seconds() };
  }
  const built = modelDefinition(model.type).build(model, shape, training.seed);
  if (built.kind === 'ensemble') throw new Error(`model "${model.type}" built an ensemble marker; only ensembles may`);
  const trained: TrainedModel = { ...base, built };
  if (built.kind === 'array') {
    built.model.fit(data);
    trained.trainSeconds = seconds();
    return trained;
  }
  try {
    await fitLayers(built.model, training, target, data, hooks, trained);
    trained.trainSeconds = seconds();
    return trained;
  } catch (err) {
    disposeModel(trained);
    throw err;
  }
}

async function fitLayers(
  model: tf.LayersModel,
  training: TrainingSpec,
  target: ResolvedTarget,
  data: WindowedData,
  hooks: TrainHooks,
  trained: TrainedModel,
): Promise<void> {
  const { n, lookback, features, horizon } = data;
  const { nTrain, nVal, valStart } = splitValidation(n, training, validationPurge(training, data));
  const stride = lookback * features;
  const loss = lossFor(target, horizon);
  const xTrain = tf.tensor3d(data.x.subarray(0, nTrain * stride), [nTrain, lookback, features]);
  const yTrain = tf.tensor2d(data.y.subarray(0, nTrain * horizon), [nTrain, horizon]);
  const xVal = nVal > 0 ? tf.tensor3d(data.x.subarray(valStart * stride, n * stride), [nVal, lookback, features]) : null;
  const yVal = nVal > 0 ? tf.tensor2d(data.y.subarray(valStart * horizon, n * horizon), [nVal, horizon]) : null;
  const optimizer = tf.train.adam(training.learningRate);
  // tfjs Adam reads its learningRate field at every step; it is protected, so reach it by name.
  const setLearningRate = (lr: number): void => void ((optimizer as unknown as { learningRate: number }).learningRate = lr);
  const variables = model.trainableWeights.map((w) => w.read() as tf.Variable);
  const rng = createRng(training.seed);
  const order = new Int32Array(nTrain);
  for (let i = 0; i < nTrain; i++) order[i] = i;
  const { batchSize, epochs } = training;
  const batches = Math.ceil(nTrain / batchSize);
  const report = batchReporter(hooks, epochs, batches);
  const stopping = earlyStopping(training, trained);
  let stopped = false;
  let best: tf.Tensor[] | null = null;
  try {
    for (let epoch = 0; epoch < epochs && !stopped; epoch++) {
      shuffleInPlace(order, rng);
      const [xs, ys] = tf.tidy(() => {
        const idx = tf.tensor1d(order, 'int32');
        return [tf.gather(xTrain, idx), tf.gather(yTrain, idx)] as const;
      });
      let lossSum = 0;
      let valLoss: number | undefined;
      try {
        for (let b = 0; b < batches; b++) {
          const start = b * batchSize;
          const size = Math.min(batchSize, nTrain - start);
          const lr = learningRateAt(training, epoch, epoch * batches + b, epochs * batches);
          setLearningRate(lr);
          const { value, grads } = optimizer.computeGradients(() => {
            const xb = xs.slice([start, 0, 0], [size, lookback, features]);
            const yb = ys.slice([start, 0], [size, horizon]);
            return loss(model.apply(xb, { training: true }) as tf.Tensor, yb);
          }, variables);
          const applied = await applyClipped(optimizer, grads, training.clipNorm);
          if (!applied) trained.skippedSteps++;
          const batchLoss = (await value.data())[0] ?? NaN;
          value.dispose();
          lossSum += batchLoss * size;
          if (b === batches - 1 && xVal && yVal) valLoss = await evaluate(model, xVal, yVal, loss);
          report({ epoch, batch: b, size, loss: batchLoss, learningRate: lr, valLoss });
          await yieldToEventLoop();
          if (hooks.shouldStop?.()) {
            stopped = true;
            break;
          }
        }
      } finally {
        tf.dispose([xs, ys]);
      }
      if (stopped) break;
      trained.epochLoss.push(lossSum / nTrain);
      if (valLoss === undefined) continue;
      const verdict = stopping.observe(epoch, valLoss);
      if (verdict === 'improved') {
        tf.dispose(best ?? []);
        best = model.getWeights().map((w) => w.clone());
      } else if (verdict === 'stop') break;
    }
    if (!stopped && best && stopping.lastIsWorse) model.setWeights(best);
  } finally {
    tf.dispose(best ?? []);
    tf.dispose([xTrain, yTrain, ...(xVal ? [xVal] : []), ...(yVal ? [yVal] : [])]);
    // The optimizer's moment variables are ours to free.
    optimizer.dispose();
  }
  if (stopped) throw new CancelledError();
}

async function evaluate(
  model: tf.LayersModel,
  x: tf.Tensor,
  y: tf.Tensor,
  loss: (pred: tf.Tensor, y: tf.Tensor) => tf.Scalar,
): Promise<number> {
  const value = tf.tidy(() => loss(model.predict(x, { batchSize: 256 }) as tf.Tensor, y));
  try {
    return (await value.data())[0] ?? NaN;
  } finally {
    value.dispose();
  }
}

/**
 * [n, horizon] predictions for the windows in `data` (its y is not read): probabilities for a
 * direction target, [n, horizon, quantiles] for a quantile target. Async because a synchronous
 * read from WebGPU is a slow canvas round trip (tfjs warns about it).
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
  if (built.kind === 'ensemble') {
    const preds: Float32Array[] = [];
    for (const member of built.members) preds.push(await predict(member, data));
    return combinePredictions(built.combine, built.stack, preds, data.n, trained);
  }
  const out = tf.tidy(() => {
    const x = tf.tensor3d(data.x, [data.n, data.lookback, data.features]);
    const raw = built.model.predict(x, { batchSize: 256 }) as tf.Tensor;
    return trained.target.type === 'direction' ? tf.sigmoid(raw) : raw;
  });
  try {
    // data() may hand back the backend's own buffer on cpu: copy before the tensor goes.
    return Float32Array.from(await out.data());
  } finally {
    out.dispose();
  }
}

export function disposeModel(trained: TrainedModel): void {
  const { built } = trained;
  if (built.kind === 'layers') built.model.dispose();
  if (built.kind === 'ensemble') built.members.forEach(disposeModel);
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

