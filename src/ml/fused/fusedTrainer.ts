/**
 * trainFused: the contract of train.ts's trainModel for LSTM/GRU models (every target), with the
 * whole training step in a fused engine (wasm SIMD, or plain JS). The tfjs model is built by the
 * registry (same seeded initial weights), its weights go into the engine, training runs there
 * with train.ts's seeded shuffle, learning-rate schedule, clipping, validation tail and early
 * stopping, and the trained weights come back with setWeights: the result is an ordinary
 * TrainedModel whose tfjs LayersModel predicts, saves and loads as usual.
 */
import * as tf from '@tensorflow/tfjs';
import { CancelledError } from '../../core/executor';
import type { GruSpec, LstmSpec, ModelSpec, TrainingSpec, WindowedData } from '../../core/executor';
import { createRng, shuffleInPlace } from '../../core/rng';
import { modelDefinition } from '../models/registry';
import { outputsPerStep, resolveTarget, untrainedRecord, type ModelShape, type ResolvedTarget, type TrainedModel } from '../models/types';
import { batchReporter, earlyStopping, learningRateAt, splitValidation, validationPurge, yieldToEventLoop, type TrainHooks } from '../optimization';
import { fillDropoutMasks } from './dropout';
import { ADAM_DEFAULTS, weightShapes, type EngineShape, type FusedEngine, type HeadLoss } from './engine';
import { headLossSum } from './heads';
import { createJsEngine } from './jsEngine';
import { wasmSimdSupported, type WasmSource } from './loadWasm';
import { createWasmEngine } from './wasmEngine';

export interface FusedOptions {
  /** 'auto' (default): wasm SIMD when it loads, else plain JS (the reason is recorded). */
  engine?: 'auto' | 'wasm' | 'js';
  /** The module: bytes, a URL (default: fused_rnn.wasm next to loadWasm.ts) or a compiled module. */
  wasm?: WasmSource | WebAssembly.Module;
}

export interface FusedTrainedModel extends TrainedModel {
  engine: { kind: 'wasm' | 'js'; reason: string };
}

/** Why `spec`/`training` cannot train fused (train them on tfjs layers), or null when they can. */
export function fusedUnsupported(spec: ModelSpec, _training: TrainingSpec): string | null {
  if (spec.type !== 'lstm' && spec.type !== 'gru') return `the fused engine trains lstm and gru, not ${spec.type}`;
  if ((spec.recurrentDropout ?? 0) > 0) return 'recurrentDropout trains on tfjs layers (seeded masks)';
  return null;
}

/** The engine's head loss for a target: lossFor's loss, computed in the engine. */
export function headLossOf(target: ResolvedTarget): HeadLoss {
  if (target.type === 'direction') return { kind: 'logistic' };
  if (target.type === 'quantile') return { kind: 'pinball', quantiles: target.quantiles };
  return { kind: 'mse' };
}

/** An engine for the shape: wasm SIMD unless asked for JS or wasm cannot load ('auto' only). */
export async function createEngine(shape: EngineShape, options: FusedOptions = {}): Promise<{ engine: FusedEngine; reason: string }> {
  const want = options.engine ?? 'auto';
  if (want === 'js') return { engine: createJsEngine(shape), reason: 'plain JS engine requested' };
  if (want === 'auto' && !wasmSimdSupported()) return { engine: createJsEngine(shape), reason: 'this runtime has no wasm SIMD' };
  try {
    return { engine: await createWasmEngine(shape, options.wasm), reason: 'wasm SIMD' };
  } catch (err) {
    if (want === 'wasm') throw err;
    return { engine: createJsEngine(shape), reason: `wasm engine unavailable (${(err as Error).message}); plain JS` };
  }
}

export async function trainFused(
  spec: LstmSpec | GruSpec,
  training: TrainingSpec,
  data: WindowedData,
  hooks: TrainHooks = {},
  options: FusedOptions = {},
): Promise<FusedTrainedModel> {
  const unsupported = fusedUnsupported(spec, training);
  if (unsupported) throw new Error(`trainFused: ${unsupported}`);
  if (data.lookback !== spec.lookback) throw new Error(`trainFused: windows have lookback ${data.lookback}, the model ${spec.lookback}`);
  if (hooks.shouldStop?.()) throw new CancelledError();
  const started = performance.now();
  const target = resolveTarget(training.target);
  const { n, lookback, features, horizon } = data;
  const outputs = horizon * outputsPerStep(target);
  const shape: ModelShape = { lookback, features, horizon, target, outputs };
  const built = modelDefinition(spec.type).build(spec, shape, training.seed);
  if (built.kind !== 'layers') throw new Error(`trainFused: ${spec.type} did not build a layers model`);
  const model = built.model;
  try {
    const engineShape: EngineShape = {
      cell: spec.type,
      layers: spec.layers,
      units: spec.units,
      features,
      lookback,
      outputs,
      maxBatch: Math.max(1, Math.min(training.batchSize, n)),
      hardSigmoid: spec.recurrentActivation === 'hardSigmoid',
      loss: headLossOf(target),
      ...(spec.layers > 1 && spec.dropout > 0 ? { dropout: spec.dropout } : {}),
    };
    const { engine, reason } = await createEngine(engineShape, options);
    let at = 0;
    for (const w of model.getWeights()) {
      const values = (await w.data()) as Float32Array;
      engine.params().set(values, at);
      at += values.length;
    }
    if (at !== engine.paramCount) throw new Error(`trainFused: the tfjs model has ${at} weights, the engine ${engine.paramCount}`);
    const trained: FusedTrainedModel = {
      ...untrainedRecord(spec, target, shape),
      built: { kind: 'layers', model },
      engine: { kind: engine.kind, reason },
    };
    await fitFused(engine, training, data, hooks, trained);
    setModelWeights(model, engine.params(), engineShape);
    trained.trainSeconds = (performance.now() - started) / 1000;
    return trained;
  } catch (err) {
    model.dispose();
    throw err;
  }
}

async function fitFused(engine: FusedEngine, training: TrainingSpec, data: WindowedData, hooks: TrainHooks, trained: TrainedModel): Promise<void> {
  const { n, lookback, features, horizon } = data;
  const { nTrain, nVal, valStart } = splitValidation(n, training, validationPurge(training, data));
  const stride = lookback * features;
  const rng = createRng(training.seed);
  // A stream of its own, so the shuffle (and so trainModel parity without dropout) is unchanged.
  const maskRng = createRng((training.seed ^ 0x5eeddd0d) >>> 0);
  const order = new Int32Array(nTrain);
  for (let i = 0; i < nTrain; i++) order[i] = i;
  const { batchSize, epochs } = training;
  const batches = Math.ceil(nTrain / batchSize);
  const step = { optimizer: 'adam' as const, learningRate: training.learningRate, ...ADAM_DEFAULTS, ...(training.clipNorm !== undefined ? { clipNorm: training.clipNorm } : {}) };
  engine.resetOptimizer(ADAM_DEFAULTS.beta1, ADAM_DEFAULTS.beta2);
  /** Copies `size` windows into the engine's batch rows; rowAt(i) names the window of row i. */
  const loadRows = (rowAt: (i: number) => number, size: number): void => {
    const x = engine.x();
    const y = engine.y();
    for (let i = 0; i < size; i++) {
      const r = rowAt(i);
      x.set(data.x.subarray(r * stride, (r + 1) * stride), i * stride);
      y.set(data.y.subarray(r * horizon, (r + 1) * horizon), i * horizon);
    }
  };
  const validationLoss = (): number => {
    const { maxBatch: chunk, outputs, loss = { kind: 'mse' } } = engine.shape;
    let sum = 0;
    for (let start = valStart; start < n; start += chunk) {
      const size = Math.min(chunk, n - start);
      loadRows((i) => start + i, size);
      engine.forward(size);
      sum += headLossSum(loss, engine.out(), engine.y(), size, outputs);
    }
    return sum / (nVal * outputs);
  };
  const report = batchReporter(hooks, epochs, batches);
  const stopping = earlyStopping(training, trained);
  let stopped = false;
  let best: Float32Array | null = null;
  for (let epoch = 0; epoch < epochs && !stopped; epoch++) {
    shuffleInPlace(order, rng);
    let lossSum = 0;
    let valLoss: number | undefined;
    for (let b = 0; b < batches; b++) {
      const start = b * batchSize;
      const size = Math.min(batchSize, nTrain - start);
      const lr = learningRateAt(training, epoch, epoch * batches + b, epochs * batches);
      loadRows((i) => order[start + i]!, size);
      fillDropoutMasks(engine, size, maskRng);
      const result = engine.step(size, { ...step, learningRate: lr });
      if (!result.applied) trained.skippedSteps++;
      lossSum += result.loss * size;
      if (b === batches - 1 && nVal > 0) valLoss = validationLoss();
      report({ epoch, batch: b, size, loss: result.loss, learningRate: lr, valLoss });
      await yieldToEventLoop();
      if (hooks.shouldStop?.()) {
        stopped = true;
        break;
      }
    }
    if (stopped) break;
    trained.epochLoss.push(lossSum / nTrain);
    if (valLoss === undefined) continue;
    const verdict = stopping.observe(epoch, valLoss);
    if (verdict === 'improved') best = engine.params().slice();
    else if (verdict === 'stop') break;
  }
  if (stopped) throw new CancelledError();
  if (best && stopping.lastIsWorse) engine.params().set(best);
}

/** Engine parameters (tfjs getWeights order and layout) into the model. */
export function setModelWeights(model: tf.LayersModel, params: Float32Array, shape: EngineShape): void {
  let at = 0;
  const tensors = weightShapes(shape).map((s) => {
    const size = s.reduce((a, b) => a * b, 1);
    const t = tf.tensor(params.slice(at, at + size), s);
    at += size;
    return t;
  });
  try {
    model.setWeights(tensors);
  } finally {
    tf.dispose(tensors);
  }
}
