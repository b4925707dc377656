/**
 * Every model family through the explain cell on planted data: one column alone drives the next
 * return, a decoy column copies it only in the test period. The explanation must add up (exact
 * mode), rank the planted column first, never the decoy, and draw its background from the
 * training period only (perturbing the test period leaves it, and the base value, unchanged).
 */
import { describe, expect, it } from 'vitest';
import { createLocalExecutor } from '../../ml/localExecutor';
import { hashFrame } from '../../core/hash';
import { createRng } from '../../core/rng';
import type { Frame } from '../../core/frame';
import type { BackendName, ModelSpecInput } from '../../core/executor';
import { parseNotebookJson } from '../parse';
import { runNotebook } from '../runner';
import type { LoadedData } from '../runState';

const BARS = 420;
const LOOKBACK = 4;
const TEST_START = 376; // the last fold's test block starts here (checked below)

function plantedFrame(perturbTest = false): Frame {
  const rng = createRng(11);
  const signal = Float64Array.from({ length: BARS }, () => rng.normal());
  const decoy = Float64Array.from({ length: BARS }, (_, t) => (t >= TEST_START - LOOKBACK ? signal[t]! + 0.1 * rng.normal() : rng.normal()));
  const noise = Float64Array.from({ length: BARS }, () => rng.normal());
  const close = new Float64Array(BARS);
  close[0] = 100;
  // target[t] = ln(close[t+1] / close[t]) = 0.02 signal[t-1] + a little noise: the feature lag_1_signal at row t.
  for (let t = 0; t + 1 < BARS; t++) close[t + 1] = close[t]! * Math.exp(0.02 * (t > 0 ? signal[t - 1]! : 0) + 0.001 * rng.normal());
  if (perturbTest) for (let t = TEST_START; t < BARS; t++) noise[t] = noise[t]! + 5;
  const time = Float64Array.from({ length: BARS }, (_, t) => Date.UTC(2023, 0, 1) + t * 86_400_000);
  return {
    time,
    columns: { open: close, high: close.map((c) => c * 1.01), low: close.map((c) => c * 0.99), close, volume: close.map(() => 1), signal, decoy, noise },
    meta: { name: 'planted', intervalMs: 86_400_000, synthetic: true, source: 'test' },
  };
}

function notebook(model: ModelSpecInput, epochs: number, method: string) {
  return parseNotebookJson(
    JSON.stringify({
      schema: 'crypto-forecast-lab/notebook',
      version: 1,
      title: 'planted',
      seed: 3,
      cells: [
        { id: 'data', kind: 'data', source: { type: 'demo', seed: 1, bars: 300 } },
        {
          id: 'features',
          kind: 'features',
          features: [{ name: 'lag', column: 'signal', lag: 1 }, { name: 'lag', column: 'decoy', lag: 1 }, { name: 'lag', column: 'noise', lag: 1 }],
          target: { type: 'logReturn', horizon: 1 },
        },
        { id: 'model', kind: 'model', model, training: { epochs, batchSize: 32, learningRate: 0.01, validationFraction: 0 } },
        { id: 'walkforward', kind: 'walkforward', mode: 'rolling', trainSize: 250, testSize: 59, step: 59 },
        { id: 'backtest', kind: 'backtest', rule: 'long-flat', threshold: 0, feeBps: 0 },
        { id: 'explain', kind: 'explain', backgroundSize: 32, method },
      ],
    }),
  );
}

async function explain(model: ModelSpecInput, { perturbTest = false, backend = 'wasm' as BackendName, epochs = 40, method = 'shapley' } = {}) {
  const frame = plantedFrame(perturbTest);
  const loaded: LoadedData = { frame, hash: hashFrame(frame), cleaning: {}, notes: [] };
  return runNotebook(notebook(model, epochs, method), { executor: createLocalExecutor(backend), loadData: async () => loaded, versions: {} });
}

// tfjs's wasm backend has no Conv2DBackpropFilter: the CNN-LSTM trains on cpu. Epochs: enough to find the plant.
const MODELS: [string, ModelSpecInput, { backend?: BackendName; epochs?: number }][] = [
  ['ridge', { type: 'ridge', lookback: LOOKBACK }, {}],
  ['MLP', { type: 'mlp', lookback: LOOKBACK, hidden: [8] }, { epochs: 20 }],
  ['LSTM', { type: 'lstm', lookback: LOOKBACK, units: 8, recurrentActivation: 'sigmoid' }, {}],
  ['GRU', { type: 'gru', lookback: LOOKBACK, units: 8 }, {}],
  ['CNN-LSTM', { type: 'cnnLstm', lookback: LOOKBACK, filters: 4, kernelSize: 2, units: 8 }, { backend: 'cpu', epochs: 10 }],
  ['attention', { type: 'attention', lookback: LOOKBACK, dModel: 8, heads: 2, ffDim: 16 }, { epochs: 10 }],
  ['ensemble', { type: 'ensemble', lookback: LOOKBACK, members: [{ type: 'ridge', lookback: LOOKBACK }, { type: 'mlp', lookback: LOOKBACK, hidden: [8] }] }, { epochs: 20 }],
];

describe('explanations of every model on planted data', () => {
  it.each(MODELS)('%s: adds up in every window, ranks the planted column first and the decoy below it', async (_name, model, options) => {
    const { report, series } = await explain(model, options);
    const e = report.explain!;
    expect(report.folds[report.folds.length - 1]!.testStart.slice(0, 10)).toBe(new Date(Date.UTC(2023, 0, 1) + TEST_START * 86_400_000).toISOString().slice(0, 10));
    expect(e.estimator).toBe('exact');
    expect(e.windows.length).toBeGreaterThan(10);
    for (const w of e.windows) {
      const sum = w.values.reduce((s, v) => s + v, 0);
      expect(Math.abs(sum - (w.prediction - w.base))).toBeLessThanOrEqual(1e-5 * Math.abs(w.prediction - w.base) + 1e-15);
    }
    // The prediction is the walk-forward's own forecast of that day (an independent predict call).
    const forecastAt = new Map(series.forecast.time.map((t, i) => [t, series.forecast.predicted[i]!]));
    e.windows.forEach((w, i) => expect(Math.abs(w.prediction - forecastAt.get(series.explain!.time[i]!)!)).toBeLessThan(1e-5 * Math.max(1e-3, Math.abs(w.prediction))));
    expect(e.global[0]!.group).toBe('lag_1_signal');
    expect(e.global.findIndex((g) => g.group === 'lag_1_decoy')).toBeGreaterThan(0);
    // The attention model's attention per lag: a distribution over the window's bars, averaged over the explained windows.
    if (model.type !== 'attention') expect(e.attention).toBeUndefined();
    else {
      expect(e.attention!.windows).toBe(e.windows.length);
      expect(e.attention!.byLag).toHaveLength(LOOKBACK);
      expect(e.attention!.byLag.every((w) => w > 0)).toBe(true);
      expect(Math.abs(e.attention!.byLag.reduce((s, w) => s + w, 0) - 1)).toBeLessThan(1e-5);
    }
  }, 120_000);

  // Integrated gradients for the neural ones: the cells of the planted column carry the most, and the group sums stay complete.
  it.each(MODELS.filter(([name]) => name !== 'ridge' && name !== 'ensemble'))('%s, integrated gradients: complete within 1% and the planted column first', async (_name, model, options) => {
    const { report, series } = await explain(model, { ...options, method: 'integratedGradients' });
    const e = report.explain!;
    expect(e.estimator).toBe('integratedGradients');
    expect(e.windows.length).toBeGreaterThan(10);
    for (const [i, w] of e.windows.entries()) {
      const sum = w.values.reduce((s, v) => s + v, 0);
      // Relative to the attribution's scale (integratedGradients.ts): where f(x) ~ base the signed sum is small by cancellation.
      const scale = Math.max(Math.abs(w.prediction - w.base), series.explain!.cells!.values[i]!.reduce((s, v) => s + Math.abs(v), 0));
      expect(Math.abs(sum - (w.prediction - w.base))).toBeLessThanOrEqual(0.01 * scale);
    }
    expect(e.integratedGradients!.relativeError).toBeLessThan(0.01);
    expect(e.global[0]!.group).toBe('lag_1_signal');
    expect(e.global.findIndex((g) => g.group === 'lag_1_decoy')).toBeGreaterThan(0);
  }, 120_000);

  it('draws the background from the training period only: perturbing the test period leaves the base unchanged', async () => {
    const model: ModelSpecInput = { type: 'ridge', lookback: LOOKBACK };
    const plain = (await explain(model)).report.explain!;
    const perturbed = (await explain(model, { perturbTest: true })).report.explain!;
    expect(perturbed.backgroundSize).toBe(plain.backgroundSize);
    expect(perturbed.windows.map((w) => w.base)).toEqual(plain.windows.map((w) => w.base));
    // The test period did change: the noise column's attributions move.
    const noise = plain.groups.indexOf('lag_1_noise');
    expect(perturbed.windows.map((w) => w.values[noise])).not.toEqual(plain.windows.map((w) => w.values[noise]));
  }, 120_000);
});
