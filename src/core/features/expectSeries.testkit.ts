/** Test helpers of the feature tests: hand-derived expectations, NaN where a value is undefined. */
import { expect } from 'vitest';

export const f64 = (values: number[]): Float64Array => Float64Array.from(values);

export function expectSeries(actual: Float64Array, expected: number[]): void {
  expect(actual.length).toBe(expected.length);
  expected.forEach((e, i) => {
    if (Number.isNaN(e)) expect(actual[i], `index ${i}`).toBeNaN();
    else expect(actual[i], `index ${i}`).toBeCloseTo(e, 12);
  });
}
