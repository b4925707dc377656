/**
 * Integrated gradients end to end through the executor (predictOutput + inputGradients, the calls the
 * explain cell makes): completeness within 1% at 64 steps for every neural model, and for ridge
 * the exact linear attribution w * (x - baseline).
 */
import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildWasm } from '../../../scripts/build-wasm.mjs';
import type { Executor, ModelHandle, ModelSpecInput, WindowedData } from '../../core/executor';
import { backgroundMean, IG_DEFAULT_MAX_STEPS, IG_DEFAULT_TOLERANCE, integratedGradients } from '../../core/explain/integratedGradients';
import { createLocalExecutor } from '../localExecutor';
import { FAST_TRAINING, FEATURES, LOOKBACK, plantedWindows } from '../testFixtures.testkit';

const executor = createLocalExecutor('cpu');
beforeAll(async () => {
  await buildWasm({ quiet: true });
  await tf.setBackend('cpu');
});
afterAll(() => executor.dispose());

const train = plantedWindows(128, 1);
const test = plantedWindows(4, 2);
const baseline = backgroundMean(train.x, train.n, LOOKBACK, FEATURES);

/** The explain cell's callbacks: output 0 of predict (predictOutput), and its input gradient. */
function callbacks(exec: Executor, handle: ModelHandle, data: WindowedData) {
  const windows = (batch: Float32Array, rows: number): WindowedData => ({ ...data, x: batch, y: new Float32Array(rows * data.horizon), n: rows });
  return {
    predict: (batch: Float32Array, rows: number) => exec.predictOutput(handle, windows(batch, rows)),
    gradients: (batch: Float32Array, rows: number) => exec.inputGradients(handle, windows(batch, rows)),
  };
}

/**
 * smooth: the trapezoid error is O(1/steps^2) (1e-5 of the attribution's scale at 64 steps here);
 * the ReLU models (MLP, the attention model's feed-forward) and the CNN-LSTM's kinks leave
 * 1e-4 .. 7e-3 at 64 steps, and the refinement (integratedGradients' tolerance, 0.5%) halves the
 * intervals of a window past it.
 */
const NEURAL: { spec: ModelSpecInput; smooth: boolean }[] = [
  { spec: { type: 'lstm', lookback: LOOKBACK, units: 8, recurrentActivation: 'sigmoid' }, smooth: true },
  { spec: { type: 'gru', lookback: LOOKBACK, units: 8, layers: 2 }, smooth: true },
  { spec: { type: 'cnnLstm', lookback: LOOKBACK, filters: 4, kernelSize: 3, units: 8 }, smooth: false },
  { spec: { type: 'mlp', lookback: LOOKBACK, hidden: [16] }, smooth: false },
  { spec: { type: 'attention', lookback: LOOKBACK, dModel: 8, heads: 2, ffDim: 16, blocks: 1 }, smooth: false },
];

describe('integrated gradients through the executor', () => {
  it.each(NEURAL)('$spec.type: the attributions add up to f(x) - f(baseline) within 1% at 64 steps', async ({ spec, smooth }) => {
    const handle = await executor.train(spec, { ...FAST_TRAINING, epochs: 4 }, train);
    try {
      const request = { x: test.x, n: test.n, lookback: LOOKBACK, features: FEATURES, baseline, steps: 64, ...callbacks(executor, handle, test) };
      // 64 plain trapezoid intervals, no refinement: the bar.
      const plain = await integratedGradients({ ...request, tolerance: 0 });
      expect(plain.windows).toHaveLength(test.n);
      for (const win of plain.windows) {
        expect(Math.abs(win.prediction - plain.baseValue), 'a window the model tells apart from the baseline').toBeGreaterThan(1e-2);
        expect(win.steps).toBe(64);
        expect(win.relativeError).toBeLessThan(smooth ? 1e-3 : 0.01);
      }
      // The explain cell's default: a window past the tolerance is refined, up to IG_DEFAULT_MAX_STEPS.
      const refined = await integratedGradients(request);
      for (const win of refined.windows) expect(win.relativeError <= IG_DEFAULT_TOLERANCE || win.steps === IG_DEFAULT_MAX_STEPS).toBe(true);
      expect(refined.relativeError).toBeLessThanOrEqual(plain.relativeError);
    } finally {
      await executor.release(handle);
    }
  });

  it('ridge: w * (x - baseline), exactly complete', async () => {
    const handle = await executor.train({ type: 'ridge', lookback: LOOKBACK, lambda: 0.1 }, FAST_TRAINING, train);
    try {
      const cb = callbacks(executor, handle, test);
      const result = await integratedGradients({ x: test.x, n: test.n, lookback: LOOKBACK, features: FEATURES, baseline, steps: 64, ...cb });
      const w = await cb.gradients(baseline, 1);
      for (const [r, win] of result.windows.entries()) {
        for (let j = 0; j < w.length; j++) expect(win.values[j]).toBeCloseTo(w[j]! * (test.x[r * w.length + j]! - baseline[j]!), 6);
        expect(win.relativeError).toBeLessThan(1e-5);
      }
    } finally {
      await executor.release(handle);
    }
  });
});
