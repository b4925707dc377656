import { describe, it, expect } from 'vitest';
import { createRng } from '../rng';
import { FEATURES, resolveFeatureParams } from './registry';

// Every feature is causal: the value at row t may use rows <= t only. Rows after t are perturbed
// (prices, volumes, on-chain columns and the bar times) and the rows up to t must not move.

const N = 160;
const HOUR = 3_600_000;

function syntheticBars(seed: number): { columns: Record<string, Float64Array>; time: Float64Array } {
  const rng = createRng(seed);
  const cols = Object.fromEntries(['open', 'high', 'low', 'close', 'volume', 'numerator', 'denominator'].map((c) => [c, new Float64Array(N)]));
  const time = new Float64Array(N);
  let price = 100;
  for (let t = 0; t < N; t++) {
    const open = price;
    price *= Math.exp(0.03 * rng.normal());
    cols.open![t] = open;
    cols.close![t] = price;
    cols.high![t] = Math.max(open, price) * (1 + 0.01 * rng.next());
    cols.low![t] = Math.min(open, price) * (1 - 0.01 * rng.next());
    cols.volume![t] = 1000 * (0.5 + rng.next());
    cols.numerator![t] = price * 1e6;
    cols.denominator![t] = 1e4 * (0.5 + rng.next());
    time[t] = Date.UTC(2021, 0, 1) + 5 * HOUR * t; // 5-hour bars so the hour and the day both change
  }
  return { columns: cols, time };
}

function perturbAfter(bars: ReturnType<typeof syntheticBars>, t: number, seed: number): ReturnType<typeof syntheticBars> {
  const rng = createRng(seed);
  const columns = Object.fromEntries(
    Object.entries(bars.columns).map(([name, values]) => [name, values.map((v, i) => (i > t ? v * (0.5 + rng.next()) : v))]),
  );
  // Later bars shift forward by a growing amount, so time stays strictly increasing.
  const time = bars.time.map((ms, i) => (i > t ? ms + (i - t) * 7 * HOUR : ms));
  return { columns, time };
}

describe('every registered feature is causal (default params)', () => {
  const bars = syntheticBars(2024);
  it.each(FEATURES.map((f) => [f.name, f] as const))('%s', (_name, def) => {
    const params = resolveFeatureParams(def, {});
    const base = def.compute(bars.columns, params, bars.time);
    expect(base.length).toBe(N);
    expect(base.some((v) => Number.isFinite(v)), 'defined somewhere on 160 bars').toBe(true);
    for (const [k, t] of [10, 40, 80, 120, N - 2].entries()) {
      const changed = perturbAfter(bars, t, 100 + k);
      const after = def.compute(changed.columns, params, changed.time);
      for (let i = 0; i <= t; i++) {
        expect(Object.is(after[i], base[i]), `row ${i} moved when rows > ${t} changed: ${base[i]} -> ${after[i]}`).toBe(true);
      }
    }
  });
});
