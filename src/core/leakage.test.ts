import { describe, expect, it } from 'vitest';
import { buildFeatureTable } from './featureTable';
import type { Frame } from './frame';
import type { RawSeries } from './cleaning';
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

  it('catches a fix that reads later rows: gaps filled at a bar length inferred from all the rows', () => {
    // Two-hour bars, then (from row 200 on) hourly bars: the whole series' median step is an hour,
    // so early two-hour steps are "gaps" only once the later rows are known.
    const series = raw(600, (i) => (i < 200 ? 2 * hour : hour));
    const findings = detectCleaningLookAhead(series, { forwardFillGaps: 1 }, [150]);
    expect(findings[0]).toMatchObject({ cut: 150 });
  });
});
