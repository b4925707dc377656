import { describe, it, expect } from 'vitest';
import { applyScaler, fitStandardScaler } from './scaler';

describe('fitStandardScaler', () => {
  it('hand-derived mean and population std, ignoring NaN and rows outside the slice', () => {
    // column a rows 1..4 = 2, 4, 4, 6 -> mean 4, squared deviations 4+0+0+4 = 8, var 8/4 = 2
    // column b rows 1..4 = 1, NaN, 3, 5 -> mean 3, squared deviations 4+0+4 = 8, var 8/3
    const a = Float64Array.from([100, 2, 4, 4, 6, -100]);
    const b = Float64Array.from([7, 1, NaN, 3, 5, 7]);
    const scaler = fitStandardScaler([a, b], 1, 5);
    expect(Array.from(scaler.mean)).toEqual([4, 3]);
    expect(scaler.std[0]).toBeCloseTo(Math.SQRT2, 15);
    expect(scaler.std[1]).toBeCloseTo(Math.sqrt(8 / 3), 15);
  });

  it('gives a constant column std 1', () => {
    const scaler = fitStandardScaler([Float64Array.from([5, 5, 5])], 0, 3);
    expect(scaler.std[0]).toBe(1);
    expect(Array.from(applyScaler(scaler, [Float64Array.from([5, 6])])[0]!)).toEqual([0, 1]);
  });

  it('never looks at rows at or after end', () => {
    const base = Array.from({ length: 50 }, (_, i) => Math.sin(i) * 100 + i);
    const columns = [Float64Array.from(base), Float64Array.from(base, (v) => v * v)];
    const ref = fitStandardScaler(columns, 5, 30);
    for (const row of [30, 31, 49]) {
      for (const replacement of [NaN, 1e12, -3]) {
        const changed = columns.map((c) => c.slice());
        for (const c of changed) c[row] = replacement;
        const scaler = fitStandardScaler(changed, 5, 30);
        expect(Object.is(scaler.mean[0], ref.mean[0]) && Object.is(scaler.mean[1], ref.mean[1])).toBe(true);
        expect(Object.is(scaler.std[0], ref.std[0]) && Object.is(scaler.std[1], ref.std[1])).toBe(true);
      }
    }
  });

  it('names a bad range and an empty column', () => {
    expect(() => fitStandardScaler([new Float64Array(3)], 2, 2)).toThrow('rows [2, 2) must be a non-empty range inside 0..3');
    expect(() => fitStandardScaler([Float64Array.from([NaN, NaN, 1])], 0, 2)).toThrow('column 0 has no values in rows [0, 2)');
  });
});

describe('applyScaler', () => {
  it('returns new arrays and keeps NaN', () => {
    const scaler = { mean: Float64Array.from([4]), std: Float64Array.from([2]) };
    const input = Float64Array.from([0, 4, NaN, 10]);
    const [out] = applyScaler(scaler, [input]);
    // (0-4)/2 = -2, (4-4)/2 = 0, NaN, (10-4)/2 = 3
    expect(Array.from(out!)).toEqual([-2, 0, NaN, 3]);
    expect(out).not.toBe(input);
    expect(() => applyScaler(scaler, [])).toThrow('fit on 1 columns, got 0');
  });
});
