import { describe, expect, it } from 'vitest';
import { buildFeatureTable } from './featureTable';
import type { Frame } from './frame';

const frame: Frame = {
  time: Float64Array.from([0, 1, 2, 3].map((d) => Date.UTC(2024, 0, 1 + d))),
  columns: {
    close: Float64Array.from([100, 110, 99, 108.9]),
    cap: Float64Array.from([10, 20, 30, 40]),
    txVolume: Float64Array.from([5, 4, 0, 8]),
  },
  meta: { name: 't', intervalMs: 86_400_000, synthetic: true, source: 'test' },
};

describe('buildFeatureTable', () => {
  it('reads a role from its default column, or from the column the request names', () => {
    const table = buildFeatureTable(
      frame,
      [
        { name: 'lag', params: { lag: 1 } },
        { name: 'lag', column: 'cap', params: { lag: 2 } },
      ],
      1,
    );
    expect(table.names).toEqual(['lag_1', 'lag_2_cap']);
    expect(Array.from(table.features[0]!)).toEqual([NaN, 100, 110, 99]);
    expect(Array.from(table.features[1]!)).toEqual([NaN, NaN, 10, 20]);
    expect(table.firstComplete).toBe(2);
  });

  it('maps several roles for an NVT-style ratio and names the columns used', () => {
    const table = buildFeatureTable(frame, [{ name: 'ratio', columns: { numerator: 'cap', denominator: 'txVolume' }, params: {} }], 1);
    expect(table.names).toEqual(['ratio_cap_txVolume']);
    // 10/5, 20/4, 30/0 (undefined: no volume), 40/8
    expect(Array.from(table.features[0]!)).toEqual([2, 5, NaN, 5]);
  });

  it('explains a missing input and an unknown role', () => {
    expect(() => buildFeatureTable(frame, [{ name: 'ratio', params: {} }], 1)).toThrow(
      /feature ratio needs column "numerator" \(map it: "columns": \{ "numerator": "<column>" \}\)/,
    );
    expect(() => buildFeatureTable(frame, [{ name: 'sma', columns: { price: 'cap' }, params: {} }], 1)).toThrow(
      'feature sma has no input "price"; its inputs are: close',
    );
  });

  it('defines the target as the log return over the next horizon bars', () => {
    const table = buildFeatureTable(frame, [{ name: 'logReturn', params: {} }], 2);
    expect(table.target[0]).toBeCloseTo(Math.log(99 / 100), 15);
    expect(table.target[1]).toBeCloseTo(Math.log(108.9 / 110), 15);
    expect(table.target[2]).toBeNaN();
    expect(table.targetName).toBe('logReturn_h2');
  });
});
