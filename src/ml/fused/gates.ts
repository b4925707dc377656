/**
 * The inside of a trained LSTM or GRU for one input window: the gate activations, cell state and
 * hidden state of the first recurrent layer at every step, read from the fused JS engine's own
 * forward pass (the same arithmetic that trained the model), not recomputed beside it.
 */
import { GATE_COUNT, RECURRENT_SERIES } from '../../core/diagnostics/recurrentSeries';
import { gateWidth, type CellKind } from './engine';
import { createJsEngine } from './jsEngine';

/** The first recurrent layer's weights in the tfjs layout: kernel [F, G], recurrent kernel [H, G], bias [G]. */
export interface RecurrentWeights {
  kernel: Float32Array;
  recurrentKernel: Float32Array;
  bias: Float32Array;
}

export interface GateShape {
  cell: CellKind;
  units: number;
  features: number;
  lookback: number;
  hardSigmoid: boolean;
}

/** One named series of [T, H] values (row-major: step t, unit j at t * H + j). */
export interface StateSeries {
  name: string;
  values: Float32Array;
}

/** Gates, then (LSTM) the cell state, then the hidden state, each [lookback, units] (RECURRENT_SERIES order). */
export function recurrentStates(shape: GateShape, weights: RecurrentWeights, window: Float32Array): StateSeries[] {
  const { units: H, features: F, lookback: T } = shape;
  const engineShape = { cell: shape.cell, layers: 1, units: H, features: F, lookback: T, outputs: 1, maxBatch: 1, hardSigmoid: shape.hardSigmoid };
  const G = gateWidth(engineShape);
  const expect = (what: string, got: number, want: number) => {
    if (got !== want) throw new Error(`gates: ${what} has ${got} values, expected ${want} (${shape.cell}, ${H} units, ${F} features, lookback ${T})`);
  };
  expect('the kernel', weights.kernel.length, F * G);
  expect('the recurrent kernel', weights.recurrentKernel.length, H * G);
  expect('the bias', weights.bias.length, G);
  expect('the window', window.length, T * F);
  const engine = createJsEngine(engineShape);
  const params = engine.params();
  params.set(weights.kernel, 0);
  params.set(weights.recurrentKernel, F * G);
  params.set(weights.bias, F * G + H * G);
  engine.x().set(window);
  engine.forward(1);
  const states = engine.layerStates(0, 0);
  const series: StateSeries[] = RECURRENT_SERIES[shape.cell].slice(0, GATE_COUNT[shape.cell]).map((name, k) => {
    const values = new Float32Array(T * H);
    for (let t = 0; t < T; t++) values.set(states.gates.subarray(t * G + k * H, t * G + (k + 1) * H), t * H);
    return { name, values };
  });
  if (states.cell) series.push({ name: 'cell state', values: states.cell.slice() });
  series.push({ name: 'hidden state', values: states.hidden.slice() });
  return series;
}
