import { describe, it, expect } from 'vitest';
import { drawdownEpisodes, drawdownSeries, drawdownSummary } from './drawdown';
import { maxDrawdown } from './trading';

const DAY = 86_400_000;

describe('drawdown episodes and dates on a constructed daily series', () => {
  // period i ends on day i + 1; the starting capital sits at day 0
  const returns = [0.1, -0.1, -0.1, 0.3, -0.05, 0.02];
  const times = Float64Array.from({ length: 6 }, (_, i) => (i + 1) * DAY);
  // wealth: 1.1 (peak, day 1), 0.99, 0.891 (trough, day 3), 1.1583 (recovered, new peak, day 4),
  //         1.100385 (trough, day 5), 1.1223927 (still under 1.1583 at the end)

  it('lists each episode with peak, trough, recovery and durations', () => {
    const [first, second, ...rest] = drawdownEpisodes(returns, times, 0);
    expect(rest).toEqual([]);
    expect(first!.depth).toBeCloseTo(0.891 / 1.1 - 1, 14); // -0.19
    expect(first).toMatchObject({ peakIndex: 0, troughIndex: 2, recoveryIndex: 3, peakTime: DAY, troughTime: 3 * DAY, recoveryTime: 4 * DAY, periods: 3, days: 3 });
    expect(second!.depth).toBeCloseTo(-0.05, 14);
    // not recovered: recovery null, duration runs to the last period (index 5, day 6)
    expect(second).toMatchObject({ peakIndex: 3, troughIndex: 4, recoveryIndex: null, recoveryTime: null, periods: 2, days: 2 });
  });

  it('summary: deepest and longest episode; depth equals maxDrawdown', () => {
    const { max, longest } = drawdownSummary(returns, times, 0);
    expect(max!.depth).toBe(maxDrawdown(returns));
    expect(max!.peakIndex).toBe(0);
    expect(longest!.periods).toBe(3);
  });

  it('the starting capital is a peak dated startTime', () => {
    // wealth 0.9, 0.945, 1.0395: peak = start (day 0, index -1), trough day 1, recovery day 3
    const { max } = drawdownSummary([-0.1, 0.05, 0.1], Float64Array.from([1, 2, 3].map((d) => d * DAY)), 0);
    expect(max).toMatchObject({ peakIndex: -1, peakTime: 0, troughTime: DAY, recoveryTime: 3 * DAY, periods: 3, days: 3 });
    expect(max!.depth).toBeCloseTo(-0.1, 15);
  });

  it('no drawdown gives null; the underwater series', () => {
    expect(drawdownSummary([0.1, 0, 0.2], new Float64Array(3), 0)).toEqual({ max: null, longest: null });
    const underwater = drawdownSeries(returns);
    [0, 0.99 / 1.1 - 1, 0.891 / 1.1 - 1, 0, -0.05, 1.1223927 / 1.1583 - 1].forEach((e, i) => expect(underwater[i]).toBeCloseTo(e, 14));
    expect(() => drawdownEpisodes([0.1], new Float64Array(2), 0)).toThrow('drawdownEpisodes: returns has 1 values, times has 2');
    expect(() => drawdownEpisodes([NaN], new Float64Array(1), 0)).toThrow('returns[0] is NaN');
  });
});
