/**
 * trainWgsl: train.ts's trainModel contract for LSTM regression models, with every timestep one
 * WGSL dispatch forward and one backward (sequence.ts over wgslStepOps). Like the fused wasm
 * trainer: the registry builds the tfjs model (same seeded initial weights), training runs here
 * with train.ts's seeded shuffle, schedule, clipping, validation tail and early stopping, and the
 * weights go back with setWeights, so the result predicts, saves and loads as a tf.layers model.
 */
import * as tf from '@tensorflow/tfjs';
import { CancelledError } from '../../core/executor';
import type { LstmSpec, TrainingSpec, WindowedData } from '../../core/executor';
import { createRng, shuffleInPlace } from '../../core/rng';
import { modelDefinition } from '../models/registry';
import { resolveTarget, untrainedRecord, type ModelShape, type TrainedModel } from '../models/types';
import { batchReporter, earlyStopping, learningRateAt, splitValidation, validationPurge, yieldToEventLoop, type TrainHooks } from '../optimization';
import type { GateActivation } from './layout';
import { createTrainState, trainStep, type LstmTrainState } from './lstmTraining';
import type { LstmStepOps } from './referenceStep';
import { lstmModelForward, paramsToList } from './sequence';
import { wgslStepOps } from './wgslStepOps';

export const WGSL_ENGINE_LABEL = 'fused WGSL';

export async function trainWgsl(
  spec: LstmSpec,
  training: TrainingSpec,
  data: WindowedData,
  hooks: TrainHooks = {},
  ops: LstmStepOps = wgslStepOps,
): Promise<TrainedModel> {
  if (hooks.shouldStop?.()) throw new CancelledError();
  const started = performance.now();
  const target = resolveTarget(training.target);
  if (target.type !== 'regression') throw new Error(`trainWgsl: the WGSL engine has an MSE head only, not ${target.type}`);
  const { lookback, features, horizon } = data;
  const shape: ModelShape = { lookback, features, horizon, target, outputs: horizon };
  const built = modelDefinition('lstm').build(spec, shape, training.seed);
  if (built.kind !== 'layers') throw new Error('trainWgsl: lstm did not build a layers model');
  const model = built.model;
  const trained: TrainedModel = {
    ...untrainedRecord(spec, target, shape),
    built,
    engineLabel: ops === wgslStepOps ? WGSL_ENGINE_LABEL : `fused ${ops.name}`,
  };
  const initial = model.getWeights();
  const state = createTrainState(initial, training.learningRate);
  try {
    await fit(ops, state, spec.recurrentActivation, training, data, hooks, trained);
    model.setWeights(paramsToList(state.params));
    trained.trainSeconds = (performance.now() - started) / 1000;
    return trained;
  } catch (err) {
    model.dispose();
    throw err;
  } finally {
    state.dispose();
  }
}

async function fit(
  ops: LstmStepOps,
  state: LstmTrainState,
  activation: GateActivation,
  training: TrainingSpec,
  data: WindowedData,
  hooks: TrainHooks,
  trained: TrainedModel,
): Promise<void> {
  const { n, lookback, features, horizon } = data;
  const { nTrain, nVal, valStart } = splitValidation(n, training, validationPurge(training, data));
  const xAll = tf.tensor3d(data.x, [n, lookback, features]);
  const yAll = tf.tensor2d(data.y, [n, horizon]);
  const rng = createRng(training.seed);
  const order = new Int32Array(nTrain);
  for (let i = 0; i < nTrain; i++) order[i] = i;
  const { batchSize, epochs } = training;
  const batches = Math.ceil(nTrain / batchSize);
  const report = batchReporter(hooks, epochs, batches);
  const stopping = earlyStopping(training, trained);
  let best: tf.Tensor[] | null = null;
  const validationLoss = async (): Promise<number> => {
    const value = tf.tidy(() => {
      let sum: tf.Tensor = tf.scalar(0);
      for (let start = valStart; start < n; start += batchSize) {
        const size = Math.min(batchSize, n - start);
        const x = tf.slice(xAll, [start, 0, 0], [size, lookback, features]);
        const out = lstmModelForward(ops, state.params, x, activation);
        sum = tf.add(sum, tf.sum(tf.squaredDifference(out, tf.slice(yAll, [start, 0], [size, horizon]))));
      }
      return tf.div(sum, nVal * horizon);
    });
    try {
      return (await value.data())[0] ?? NaN;
    } finally {
      value.dispose();
    }
  };
  try {
    for (let epoch = 0; epoch < epochs; epoch++) {
      shuffleInPlace(order, rng);
      let lossSum = 0;
      let valLoss: number | undefined;
      for (let b = 0; b < batches; b++) {
        const start = b * batchSize;
        const size = Math.min(batchSize, nTrain - start);
        const lr = learningRateAt(training, epoch, epoch * batches + b, epochs * batches);
        state.setLearningRate(lr);
        const [xb, yb] = tf.tidy(() => {
          const idx = tf.tensor1d(order.subarray(start, start + size), 'int32');
          return [tf.gather(xAll, idx) as tf.Tensor3D, tf.gather(yAll, idx) as tf.Tensor2D] as const;
        });
        const outcome = await trainStep(ops, state, xb, yb, activation, training.clipNorm).finally(() => tf.dispose([xb, yb]));
        if (!outcome.applied) trained.skippedSteps++;
        lossSum += outcome.loss * size;
        if (b === batches - 1 && nVal > 0) valLoss = await validationLoss();
        report({ epoch, batch: b, size, loss: outcome.loss, learningRate: lr, valLoss });
        await yieldToEventLoop();
        if (hooks.shouldStop?.()) throw new CancelledError();
      }
      trained.epochLoss.push(lossSum / nTrain);
      if (valLoss === undefined) continue;
      const verdict = stopping.observe(epoch, valLoss);
      if (verdict === 'improved') {
        tf.dispose(best ?? []);
        best = paramsToList(state.params).map((v) => v.clone());
      } else if (verdict === 'stop') break;
    }
    if (best && stopping.lastIsWorse) paramsToList(state.params).forEach((v, i) => v.assign(best![i]!));
  } finally {
    tf.dispose([xAll, yAll, ...(best ?? [])]);
  }
}
