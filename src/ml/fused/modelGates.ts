/**
 * Executor.recurrentStates for a trained LSTM or GRU: the first recurrent layer's weights, read
 * from the tfjs model in the fused engine's layout, go through the fused JS engine's forward
 * (gates.ts) one window at a time. Output [n, series, lookback, units] in RECURRENT_SERIES order.
 */
import { RECURRENT_SERIES } from '../../core/diagnostics/recurrentSeries';
import { CancelledError, type WindowedData } from '../../core/executor';
import { fusedShapeOf } from '../explain/fusedGradients';
import type { TrainedModel } from '../models/types';
import { yieldToEventLoop } from '../optimization';
import { paramCount, weightShapes } from './engine';
import { recurrentStates, type GateShape, type RecurrentWeights } from './gates';

/** Windows between two yields: a window of 64 steps x 64 units takes well under a millisecond. */
const CHUNK = 32;

async function firstLayerWeights(trained: TrainedModel): Promise<{ shape: GateShape; weights: RecurrentWeights }> {
  const { spec, built } = trained;
  const engineShape = fusedShapeOf(trained, 1);
  if (!engineShape || (spec.type !== 'lstm' && spec.type !== 'gru')) {
    throw new Error(`recurrent states: the ${spec.type} model has no gates; they exist for LSTM and GRU models`);
  }
  if (built.kind !== 'layers') throw new Error(`recurrent states: the ${spec.type} model holds no tfjs layers; train it again`);
  const tensors = built.model.getWeights();
  const shapes = weightShapes(engineShape);
  const size = tensors.reduce((n, w) => n + w.size, 0);
  const agrees = tensors.length === shapes.length && tensors.every((w, i) => w.shape.join('x') === shapes[i]!.join('x'));
  if (!agrees || size !== paramCount(engineShape)) {
    throw new Error(
      `recurrent states: the ${spec.type} model's weights (${tensors.map((w) => w.shape.join('x')).join(', ')}) are not the layout of ${spec.layers} layer(s) of ${spec.units} units over ${trained.features} features`,
    );
  }
  const [kernel, recurrentKernel, bias] = await Promise.all(tensors.slice(0, 3).map(async (w) => Float32Array.from(await w.data())));
  return {
    shape: { cell: spec.type, units: spec.units, features: trained.features, lookback: trained.lookback, hardSigmoid: spec.recurrentActivation === 'hardSigmoid' },
    weights: { kernel: kernel!, recurrentKernel: recurrentKernel!, bias: bias! },
  };
}

export async function modelRecurrentStates(trained: TrainedModel, data: WindowedData, signal?: AbortSignal): Promise<Float32Array> {
  const { n, lookback, features } = data;
  if (lookback !== trained.lookback || features !== trained.features || data.x.length !== n * lookback * features) {
    throw new Error(`recurrent states: the model reads windows of ${trained.lookback} x ${trained.features}, got ${n} windows of ${lookback} x ${features} (${data.x.length} values)`);
  }
  const { shape, weights } = await firstLayerWeights(trained);
  const names = RECURRENT_SERIES[shape.cell];
  const block = lookback * shape.units;
  const out = new Float32Array(n * names.length * block);
  const stride = lookback * features;
  for (let r = 0; r < n; r++) {
    if (r % CHUNK === 0) {
      if (signal?.aborted) throw new CancelledError();
      if (r > 0) await yieldToEventLoop();
    }
    const series = recurrentStates(shape, weights, data.x.subarray(r * stride, (r + 1) * stride));
    series.forEach((s, k) => {
      if (s.name !== names[k]) throw new Error(`internal: recurrent series ${k} is "${s.name}", expected "${names[k]}"`);
      out.set(s.values, (r * names.length + k) * block);
    });
  }
  return out;
}
