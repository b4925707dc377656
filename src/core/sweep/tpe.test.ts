import { describe, expect, it } from 'vitest';
import { createRng } from '../rng';
import { gridPoints, gridSize } from './grid';
import { randomPoint } from './random';
import type { Dimension, Observation, Params } from './space';
import { suggestTpe } from './tpe';

const space: Dimension[] = [
  { name: 'x', kind: 'range', min: -5, max: 5, scale: 'linear', integer: false, steps: 5 },
  { name: 'y', kind: 'range', min: 0.01, max: 100, scale: 'log', integer: false, steps: 5 },
];
/** Peak 10 at x = 1.3, y = 2 (log-scale bowl): within 5% means f >= 9.5. */
const f = (p: Params) => 10 / (1 + (Number(p.x) - 1.3) ** 2 + Math.log(Number(p.y) / 2) ** 2);
const CAP = 300;

/** Evaluations until a value within 5% of the optimum (CAP + 1 when never). */
function evaluationsToTarget(next: (history: Observation[]) => Params): number {
  const history: Observation[] = [];
  for (let n = 1; n <= CAP; n++) {
    const params = next(history);
    const score = f(params);
    if (score >= 9.5) return n;
    history.push({ params, score });
  }
  return CAP + 1;
}

describe('search samplers', () => {
  it('TPE reaches within 5% of the optimum in fewer evaluations than random search, averaged over seeds', () => {
    const seeds = Array.from({ length: 12 }, (_, i) => i + 1);
    const tpe = seeds.map((seed) => {
      const rng = createRng(seed);
      return evaluationsToTarget((history) => suggestTpe(space, history, rng));
    });
    const random = seeds.map((seed) => {
      const rng = createRng(seed);
      return evaluationsToTarget(() => randomPoint(space, rng));
    });
    const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
    console.log(`evaluations to within 5%: tpe ${mean(tpe).toFixed(1)} ${JSON.stringify(tpe)}, random ${mean(random).toFixed(1)} ${JSON.stringify(random)}`);
    expect(mean(tpe)).toBeLessThan(mean(random) / 2);
    expect(tpe.every((n) => n <= CAP)).toBe(true);
  });

  it('the same seed suggests the same configurations', () => {
    const run = () => {
      const rng = createRng(7);
      const history: Observation[] = [];
      for (let i = 0; i < 20; i++) {
        const params = suggestTpe(space, history, rng);
        history.push({ params, score: f(params) });
      }
      return history;
    };
    expect(run()).toEqual(run());
  });

  it('grid covers exactly the declared grid, choices and range steps on their scale', () => {
    const grid: Dimension[] = [
      { name: 'units', kind: 'choice', values: [4, 8, 16] },
      { name: 'lr', kind: 'range', min: 0.001, max: 0.1, scale: 'log', integer: false, steps: 3 },
      { name: 'lookback', kind: 'range', min: 2, max: 4, scale: 'linear', integer: true, steps: 5 },
    ];
    const points = gridPoints(grid);
    expect(gridSize(grid)).toBe(27);
    expect(points).toHaveLength(27);
    const keys = new Set(points.map((p) => JSON.stringify([p.units, p.lr, p.lookback])));
    expect(keys.size).toBe(27);
    for (const units of [4, 8, 16]) {
      for (const lr of [0.001, 0.01, 0.1]) {
        for (const lookback of [2, 3, 4]) {
          expect(points.some((p) => p.units === units && Math.abs(Number(p.lr) - lr) < 1e-12 && p.lookback === lookback)).toBe(true);
        }
      }
    }
  });
});
