import { describe, expect, it } from 'vitest';
import { CancelledError } from '../executor';
import { createRng } from '../rng';
import { backgroundMean, integratedGradients } from './integratedGradients';

const LOOKBACK = 5;
const FEATURES = 3;
const STRIDE = LOOKBACK * FEATURES;
const rng = createRng(3);
const w = Float64Array.from({ length: STRIDE }, () => rng.normal());
const windows = (n: number, seed: number): Float32Array => {
  const r = createRng(seed);
  return Float32Array.from({ length: n * STRIDE }, () => r.normal());
};

/** Batched f and its gradient for a function of one window. */
function model(f: (x: Float32Array) => number, grad: (x: Float32Array) => Float64Array) {
  let gradientCalls = 0;
  return {
    calls: () => gradientCalls,
    predict: async (batch: Float32Array, rows: number) => Float64Array.from({ length: rows }, (_, r) => f(batch.subarray(r * STRIDE, (r + 1) * STRIDE))),
    gradients: async (batch: Float32Array, rows: number) => {
      gradientCalls++;
      const out = new Float64Array(rows * STRIDE);
      for (let r = 0; r < rows; r++) out.set(grad(batch.subarray(r * STRIDE, (r + 1) * STRIDE)), r * STRIDE);
      return out;
    },
  };
}

const linear = model(
  (x) => 0.3 + x.reduce((s, v, j) => s + w[j]! * v, 0),
  () => w,
);
// Separable: the exact IG of input j is tanh(w_j x_j) - tanh(w_j b_j).
const separable = model(
  (x) => x.reduce((s, v, j) => s + Math.tanh(w[j]! * v), 0),
  (x) => Float64Array.from(x, (v, j) => w[j]! * (1 - Math.tanh(w[j]! * v) ** 2)),
);

describe('integratedGradients', () => {
  const x = windows(4, 7);
  const baseline = backgroundMean(windows(32, 8), 32, LOOKBACK, FEATURES);

  it('is w * (x - baseline) for a linear model, and complete', async () => {
    const result = await integratedGradients({ x, n: 4, lookback: LOOKBACK, features: FEATURES, baseline, steps: 64, ...linear });
    expect(result.steps).toBe(64);
    for (const [r, win] of result.windows.entries()) {
      for (let j = 0; j < STRIDE; j++) expect(win.values[j]).toBeCloseTo(w[j]! * (x[r * STRIDE + j]! - baseline[j]!), 12);
      expect(win.completenessError).toBeLessThan(1e-9);
    }
    expect(result.completenessError).toBeLessThan(1e-9);
  });

  it('converges to the exact attribution of a separable nonlinear model, one gradient batch a window', async () => {
    const calls = separable.calls();
    const coarse = await integratedGradients({ x, n: 4, lookback: LOOKBACK, features: FEATURES, baseline, steps: 4, tolerance: 0, ...separable });
    const fine = await integratedGradients({ x, n: 4, lookback: LOOKBACK, features: FEATURES, baseline, steps: 64, tolerance: 0, ...separable });
    expect(fine.windows.map((win) => win.steps)).toEqual([64, 64, 64, 64]);
    expect(separable.calls() - calls).toBe(8);
    expect(fine.relativeError).toBeLessThan(1e-3);
    expect(fine.relativeError).toBeLessThan(coarse.relativeError / 20);
    for (const [r, win] of fine.windows.entries()) {
      for (let j = 0; j < STRIDE; j++) {
        const exact = Math.tanh(w[j]! * x[r * STRIDE + j]!) - Math.tanh(w[j]! * baseline[j]!);
        expect(Math.abs(win.values[j]! - exact)).toBeLessThan(2e-3);
      }
    }
  });

  it('refines a window past its tolerance with the midpoints, one more gradients batch a doubling', async () => {
    const x = windows(1, 9);
    const once = await integratedGradients({ x, n: 1, lookback: LOOKBACK, features: FEATURES, baseline, steps: 8, tolerance: 0, ...separable });
    const calls = separable.calls();
    const refined = await integratedGradients({ x, n: 1, lookback: LOOKBACK, features: FEATURES, baseline, steps: 8, tolerance: once.relativeError / 10, ...separable });
    const win = refined.windows[0]!;
    expect(win.steps).toBeGreaterThan(8);
    expect(separable.calls() - calls).toBe(1 + Math.log2(win.steps / 8));
    expect(win.relativeError).toBeLessThanOrEqual(once.relativeError / 10);
    // The same as a plain trapezoid with that many intervals: the earlier points were reused exactly.
    const direct = await integratedGradients({ x, n: 1, lookback: LOOKBACK, features: FEATURES, baseline, steps: win.steps, tolerance: 0, ...separable });
    direct.windows[0]!.values.forEach((v, j) => expect(win.values[j]).toBeCloseTo(v, 12));
    const capped = await integratedGradients({ x, n: 1, lookback: LOOKBACK, features: FEATURES, baseline, steps: 8, tolerance: 1e-15, maxSteps: 32, ...separable });
    expect(capped.windows[0]!.steps).toBe(32);
  });

  it('reports progress per window, stops when cancelled, names bad input', async () => {
    const seen: number[] = [];
    const controller = new AbortController();
    const run = integratedGradients({
      x, n: 4, lookback: LOOKBACK, features: FEATURES, baseline, steps: 64, ...linear, signal: controller.signal,
      onProgress: (done) => {
        seen.push(done);
        if (done === 2) controller.abort();
      },
    });
    await expect(run).rejects.toBeInstanceOf(CancelledError);
    expect(seen).toEqual([1, 2]);
    await expect(integratedGradients({ x, n: 4, lookback: LOOKBACK, features: FEATURES, baseline: new Float32Array(3), steps: 64, ...linear })).rejects.toThrow(
      'the baseline has 3 values, a window 15',
    );
    await expect(integratedGradients({ x, n: 4, lookback: LOOKBACK, features: FEATURES, baseline, steps: 0, ...linear })).rejects.toThrow('steps must be an integer >= 1');
  });

  it('backgroundMean is the mean window', () => {
    const bg = Float32Array.from([1, 2, 3, 5, 6, 7]);
    expect(Array.from(backgroundMean(bg, 2, 1, 3))).toEqual([3, 4, 5]);
    expect(() => backgroundMean(bg, 4, 1, 3)).toThrow('x has 6 values');
  });
});
