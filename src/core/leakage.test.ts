import { describe, expect, it } from 'vitest';
import { buildFeatureTable } from './featureTable';
import type { Frame } from './frame';
import { applyFixes, buildCleaningReport, type RawSeries } from './cleaning';
import { forwardFillGaps } from './fillAndFlag';
import { defaultCuts, detectCleaningLookAhead, detectLookAhead } from './leakage';
import { createRng } from './rng';

function market(n: number): Frame {
  const rng = createRng(4);
  let price = 100;
  const close = Float64Array.from({ length: n }, () => (price *= Math.exp(0.02 * rng.normal())));
  const time = Float64Array.from({ length: n }, (_, i) => i * 86_400_000);
  return { time, columns: { close, open: close, high: close, low: close, volume: close.map(() => 1) }, meta: { name: 'm', intervalMs: 86_400_000, synthetic: true, source: 't' } };
}

const requests = [
  { name: 'logReturn', params: {} },
  { name: 'rsi', params: { period: 14 } },
  { name: 'macd', params: {} },
  { name: 'zscore', params: { period: 20 } },
];

describe('detectLookAhead', () => {
  const frame = market(300);

  it('passes the causal features of the registry', () => {
    const findings = detectLookAhead(frame, (f) => buildFeatureTable(f, requests, 1), defaultCuts(300));
    expect(findings).toEqual([]);
  });

  it('flags a future canary (tomorrow\'s return) and says where it first changed', () => {
    const withCanary = (f: Frame) => {
      const table = buildFeatureTable(f, requests, 1);
      // The canary is the target itself: row t holds ln(close[t+1] / close[t]).
      return { names: [...table.names, 'canaryTomorrowReturn'], features: [...table.features, table.target] };
    };
    const findings = detectLookAhead(frame, withCanary, defaultCuts(300));
    expect(findings).toEqual([{ feature: 'canaryTomorrowReturn', row: 149, cut: 150 }]);
  });

  it('flags a centred moving average', () => {
    const centred = (f: Frame) => {
      const c = f.columns.close!;
      const values = c.map((_, t) => (t >= 2 && t + 2 < c.length ? (c[t - 2]! + c[t - 1]! + c[t]! + c[t + 1]! + c[t + 2]!) / 5 : NaN));
      return { names: ['centredSma5'], features: [values] };
    };
    expect(detectLookAhead(frame, centred, [200])).toEqual([{ feature: 'centredSma5', row: 198, cut: 200 }]);
  });
});

describe('detectCleaningLookAhead', () => {
  function raw(n: number, stepAt: (i: number) => number): RawSeries {
    const rng = createRng(8);
    let price = 100;
    let t = 0;
    const time = Float64Array.from({ length: n }, (_, i) => (t += stepAt(i)));
    const close = Float64Array.from({ length: n }, (_, i) => (price *= Math.exp(0.01 * rng.normal() + (i % 37 === 0 ? 0.3 : 0))));
    return { time, columns: { close, volume: close.map(() => 1) } };
  }
  const hour = 3_600_000;

  it('passes the trailing outlier flag, even when every bar after the cut turns wild', () => {
    const series = raw(600, () => hour);
    const fixes = { markOutliers: { column: 'close', zScore: 5 } };
    expect(detectCleaningLookAhead(series, fixes, defaultCuts(600))).toEqual([]);
    const wild: RawSeries = { ...series, columns: { ...series.columns, close: series.columns.close!.map((v, i) => (i >= 300 && i % 2 ? v * 50 : v)) } };
    expect(detectCleaningLookAhead(wild, fixes, defaultCuts(600))).toEqual([]);
  });

  // Two-hour bars with two real gaps, then (from row 200 on) hourly bars with gaps of their own.
  const shifting = () => raw(600, (i) => (i === 60 ? 6 * hour : i === 120 ? 4 * hour : i < 200 ? 2 * hour : i % 50 === 25 ? 3 * hour : hour));
  const fixes = { forwardFillGaps: 3, markOutliers: { column: 'close', zScore: 5 } };
  const cutRow = 300;

  it('passes gap filling: each step is judged against the bar length of the steps before it', () => {
    expect(detectCleaningLookAhead(shifting(), fixes, [150, ...defaultCuts(600)])).toEqual([]);
    const out = applyFixes(shifting(), buildCleaningReport(shifting()), fixes);
    // The early gaps are filled at two hours (2 and 1 bars), the later ones at one hour (2 bars each).
    expect(out.applied).toMatchObject({ gapsFilled: 2 + 8, barsInserted: 3 + 16, gapsLeft: 0 });
  });

  it('perturbing only the rows after a cut leaves every cleaned row before it identical', () => {
    const series = shifting();
    const cutTime = series.time[cutRow]!;
    let t = cutTime;
    // After the cut: minute bars with holes, wild closes and volumes. Before it: untouched.
    const future: RawSeries = {
      time: series.time.map((time, i) => (i <= cutRow ? time : (t += i % 7 === 0 ? 180_000 : 60_000))),
      columns: {
        close: series.columns.close!.map((v, i) => (i < cutRow ? v : v * (i % 2 ? 40 : 0.02))),
        volume: series.columns.volume!.map((v, i) => (i < cutRow ? v : 1e9 * i)),
      },
    };
    const a = applyFixes(series, buildCleaningReport(series), fixes);
    const b = applyFixes(future, buildCleaningReport(future), fixes);
    const before = (out: typeof a): Record<string, number[]> => {
      const n = out.time.findIndex((time) => time >= cutTime);
      const columns = Object.entries(out.columns).map(([k, v]) => [k, Array.from(v.subarray(0, n))] as const);
      return { time: Array.from(out.time.subarray(0, n)), lines: Array.from(out.lines.subarray(0, n)), ...Object.fromEntries(columns) };
    };
    expect(before(b)).toEqual(before(a));
    // Not a vacuous comparison: before the cut there are filled bars and outlier flags.
    expect(before(a).lines!.filter((line) => line === 0)).toHaveLength(3 + 2 + 2);
    expect(before(a).outlier!.some((flag) => flag === 1)).toBe(true);
  });

  it('the check fails a bar length inferred from all the rows (the fix it replaced)', () => {
    // The whole series' median step is an hour: the two-hour bars before row 200 become "gaps"
    // only once the later hourly rows are known.
    const series = shifting();
    const fillAtGlobalMedian = (time: Float64Array, close: Float64Array) => {
      const steps = Array.from(time.subarray(1), (t, i) => t - time[i]!).sort((x, y) => x - y);
      return forwardFillGaps(time, { close }, new Int32Array(time.length), steps[steps.length >> 1]!, 3).time;
    };
    const full = fillAtGlobalMedian(series.time, series.columns.close!);
    const truncated = fillAtGlobalMedian(series.time.subarray(0, 150), series.columns.close!.subarray(0, 150));
    expect(Array.from(full.subarray(0, 150))).not.toEqual(Array.from(truncated.subarray(0, 150)));
  });
});
