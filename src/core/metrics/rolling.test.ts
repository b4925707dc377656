import { describe, it, expect } from 'vitest';
import { drawdownSeries, monthlyReturns, rollingSharpe } from './rolling';
import { sharpe } from './trading';

describe('rolling series for charts', () => {
  it('rolling Sharpe equals sharpe() of each trailing window', () => {
    const r = [0.1, -0.2, 0.05, 0.03, -0.01];
    const out = rollingSharpe(r, 3, 12);
    expect(Number.isNaN(out[0]!) && Number.isNaN(out[1]!)).toBe(true);
    // window ending at 2 is 0.1, -0.2, 0.05: -2 / sqrt(31) (see trading.test.ts)
    expect(out[2]).toBeCloseTo(-2 / Math.sqrt(31), 14);
    expect(out[4]).toBeCloseTo(sharpe([0.05, 0.03, -0.01], 12), 14);
    expect(rollingSharpe([0.01, 0.01, 0.01], 2)[2]).toBeNaN();
    expect(() => rollingSharpe(r, 1)).toThrow('rollingSharpe: window must be an integer >= 2, got 1');
  });

  it('monthly table compounds by UTC month of the period end', () => {
    const t = (iso: string): number => Date.parse(iso);
    const times = Float64Array.from([t('2023-12-31T00:00:00Z'), t('2024-01-15T00:00:00Z'), t('2024-01-31T23:59:59Z'), t('2024-03-01T00:00:00Z')]);
    const table = monthlyReturns([0.1, 0.1, -0.5, 0.2], times);
    expect(table.years).toEqual([2023, 2024]);
    expect(table.months[0]![11]).toBeCloseTo(0.1, 15);
    // January 2024: 1.1 * 0.5 - 1 = -0.45; February empty; March 0.2
    expect(table.months[1]![0]).toBeCloseTo(-0.45, 15);
    expect(table.months[1]![1]).toBeNaN();
    expect(table.months[1]![2]).toBeCloseTo(0.2, 15);
    // 2024: 0.55 * 1.2 - 1 = -0.34
    expect(table.yearTotals[1]).toBeCloseTo(-0.34, 15);
    expect(monthlyReturns([], new Float64Array(0)).years).toEqual([]);
    expect(() => monthlyReturns([0.1], new Float64Array(2))).toThrow('monthlyReturns: returns has 1 values, times has 2');
  });

  it('underwater series is re-exported for charts', () => {
    expect(Array.from(drawdownSeries([-0.5, 1]))).toEqual([-0.5, 0]);
  });
});
