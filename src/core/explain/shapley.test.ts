import { describe, expect, it } from 'vitest';
import { createRng } from '../rng';
import { fitRidge, predictRidge } from '../ridge';
import { backgroundBase, type BatchPredict } from './coalitionValues';
import { attributionGroups, groupOfCell } from './groups';
import { windowShapley } from './shapley';

const LOOKBACK = 4;
const NAMES = ['a', 'b', 'c'];
const WIDTH = LOOKBACK * NAMES.length;

function randomBlock(n: number, seed: number): Float32Array {
  const rng = createRng(seed);
  return Float32Array.from({ length: n * WIDTH }, () => rng.normal());
}

function ridgeModel() {
  const n = 200;
  const x = randomBlock(n, 1);
  const rng = createRng(2);
  const y = Float64Array.from({ length: n }, (_, i) => 0.7 * x[i * WIDTH + WIDTH - 1]! - 0.4 * x[i * WIDTH + 2]! + 0.1 * rng.normal());
  const fit = fitRidge(x, y, n, WIDTH, 1, 0.5);
  const predict: BatchPredict = async (batch, rows) => predictRidge(fit, batch, rows);
  return { fit, predict };
}

describe('group Shapley', () => {
  it('equals the linear oracle sum_j w_j (x_j - mean_bg x_j) for ridge, exactly', async () => {
    const { fit, predict } = ridgeModel();
    const background = { x: randomBlock(16, 3), n: 16 };
    const base = await backgroundBase(predict, background);
    for (const [grouping, recent] of [['feature', LOOKBACK], ['lag', LOOKBACK], ['featureLag', 2]] as const) {
      const groups = attributionGroups(NAMES, LOOKBACK, grouping, recent);
      const owner = groupOfCell(groups, WIDTH);
      for (let w = 0; w < 3; w++) {
        const window = randomBlock(1, 10 + w);
        const result = await windowShapley(predict, window, background, owner, groups.length, base, { coalitions: 0, seed: 1 });
        expect(result.method).toBe('exact');
        groups.forEach((group, g) => {
          let oracle = 0;
          for (const cell of group.cells) {
            let mean = 0;
            for (let b = 0; b < background.n; b++) mean += background.x[b * WIDTH + cell]!;
            oracle += fit.weights[cell]! * (window[cell]! - mean / background.n);
          }
          expect(Math.abs(result.values[g]! - oracle)).toBeLessThan(1e-9);
        });
      }
    }
  });

  it('Kernel SHAP agrees with the exact values within its stated standard error', async () => {
    // A nonlinear model with interactions: Kernel SHAP is an estimate here, not an identity.
    const predict: BatchPredict = async (x, rows) =>
      Float64Array.from({ length: rows }, (_, r) => {
        const v = (c: number) => x[r * WIDTH + c]!;
        return Math.tanh(v(0) * v(4) + 0.5 * v(7)) + v(11) * v(2) + 0.3 * Math.sin(v(5) + v(9)) + 0.2 * v(1) ** 2;
      });
    const background = { x: randomBlock(12, 5), n: 12 };
    const base = await backgroundBase(predict, background);
    const groups = attributionGroups(NAMES, LOOKBACK, 'featureLag', 3); // 10 groups
    const owner = groupOfCell(groups, WIDTH);
    const window = randomBlock(1, 6);
    const exact = await windowShapley(predict, window, background, owner, groups.length, base, { coalitions: 0, seed: 1 });
    const kernel = await windowShapley(predict, window, background, owner, groups.length, base, { coalitions: 4096, seed: 7, forceKernel: true });
    expect(kernel.method).toBe('kernel');
    expect(kernel.coalitions).toBe(4096);
    const sum = Array.from(kernel.values).reduce((s, v) => s + v, 0);
    expect(Math.abs(sum - (kernel.prediction - kernel.base))).toBeLessThan(1e-9);
    let outside = 0;
    groups.forEach((_, g) => {
      const error = Math.abs(kernel.values[g]! - exact.values[g]!);
      const se = kernel.standardError![g]!;
      expect(se).toBeGreaterThan(0);
      expect(error).toBeLessThan(4 * se + 1e-9);
      if (error > 2 * se) outside++;
    });
    // About 5% of estimates fall beyond 2 standard errors; far more would mean the error is understated.
    expect(outside).toBeLessThanOrEqual(2);
  });

  it('adds up to f(x) - mean f(background) for any model (efficiency), chunked or not', async () => {
    const predict: BatchPredict = async (x, rows) => Float64Array.from({ length: rows }, (_, r) => Math.exp(0.1 * x[r * WIDTH]!) * x[r * WIDTH + 5]!);
    const background = { x: randomBlock(8, 9), n: 8 };
    const base = await backgroundBase(predict, background);
    const groups = attributionGroups(NAMES, LOOKBACK, 'lag');
    const owner = groupOfCell(groups, WIDTH);
    const window = randomBlock(1, 11);
    const whole = await windowShapley(predict, window, background, owner, groups.length, base, { coalitions: 0, seed: 1 });
    const chunked = await windowShapley(predict, window, background, owner, groups.length, base, { coalitions: 0, seed: 1, batchFloats: WIDTH * 8 * 3 });
    const sum = Array.from(whole.values).reduce((s, v) => s + v, 0);
    expect(Math.abs(sum - (whole.prediction - base))).toBeLessThan(1e-12);
    expect(Array.from(chunked.values)).toEqual(Array.from(whole.values));
  });

  it('stops between predict calls when the signal is aborted', async () => {
    const controller = new AbortController();
    let calls = 0;
    const predict: BatchPredict = async (_x, rows) => {
      calls++;
      if (calls === 2) controller.abort(new Error('stop'));
      return new Float64Array(rows);
    };
    const background = { x: randomBlock(4, 9), n: 4 };
    const groups = attributionGroups(NAMES, LOOKBACK, 'lag');
    const owner = groupOfCell(groups, WIDTH);
    await expect(
      windowShapley(predict, randomBlock(1, 2), background, owner, groups.length, 0, { coalitions: 0, seed: 1, batchFloats: WIDTH * 4, signal: controller.signal }),
    ).rejects.toThrow('stop');
    expect(calls).toBe(2);
  });
});
