import { describe, expect, it } from 'vitest';
import type { ExplainReport, ExplainSeries } from '../notebook/explainReport';
import { attributionOverTime, beeswarmPoints, chartTime, pickWindow, windowView } from './explainView';

const day = (d: number) => Date.UTC(2024, 2, d);
const report: ExplainReport = {
  method: 'shapley',
  estimator: 'exact',
  grouping: 'feature',
  output: { kind: 'return' },
  groups: ['rsi_14', 'logReturn', 'volume'],
  backgroundSize: 8,
  coalitions: 6,
  folds: [0],
  global: [
    { group: 'rsi_14', meanAbs: 0.005, meanSigned: 0.001, spread: 0.001 },
    { group: 'logReturn', meanAbs: 0.002, meanSigned: 0, spread: 0.001 },
    { group: 'volume', meanAbs: 0.001, meanSigned: 0, spread: 0 },
  ],
  windows: [
    { date: new Date(day(4)).toISOString(), base: 0.001, prediction: 0.008, values: [0.004, 0.002, 0.001] },
    { date: new Date(day(5)).toISOString(), base: 0.001, prediction: -0.004, values: [-0.006, 0.002, -0.001] },
  ],
  additivityError: 0,
  standardError: null,
  notes: [],
};
const series: ExplainSeries = {
  spans: report.groups.map((g) => ({ feature: g, lagFrom: 0, lagTo: 9 })),
  time: [day(4), day(5)],
  featureValues: [
    [30, 0.01, 5],
    [70, -0.02, 5],
  ],
};

describe('the explain view model', () => {
  it('reads plotly date strings as UTC', () => {
    expect(chartTime('2024-03-05')).toBe(day(5));
    expect(chartTime('2024-03-05 12:00')).toBe(day(5) + 43_200_000);
    expect(chartTime('not a date')).toBeNaN();
  });

  it('picks the clicked window, or the nearest one and says so', () => {
    expect(pickWindow(series, day(5))).toEqual({ index: 1, snappedFrom: null });
    expect(pickWindow(series, null)).toEqual({ index: 1, snappedFrom: null });
    expect(pickWindow(series, day(1))).toEqual({ index: 0, snappedFrom: '2024-03-01' });
  });

  it('gives the sentence, waterfall and grid of a window', () => {
    const view = windowView(report, series, 1);
    expect(view.sentence).toBe('Predicted -0.40% for 2024-03-05 (base +0.10%): mostly rsi_14 -0.60% and logReturn +0.20%; the rest -0.10%.');
    expect(view.waterfall.map((s) => s.label)).toEqual(['base', 'rsi_14', 'logReturn', 'volume', 'prediction']);
    expect(view.heatmap.map((c) => c.row)).toEqual(['rsi_14', 'logReturn', 'volume']);
    expect(view.heatmapColumns).toEqual(['lags 0-9']);
  });

  it('colours beeswarm points by the feature value within its group and stacks groups over time', () => {
    const points = beeswarmPoints(report, series);
    expect(points.filter((p) => p.group === 'rsi_14').map((p) => p.colour)).toEqual([0, 1]);
    expect(points.filter((p) => p.group === 'volume').map((p) => p.colour)).toEqual([0.5, 0.5]);
    const area = attributionOverTime(report, series, 2);
    expect(area.layers.map((l) => l.group)).toEqual(['rsi_14', 'logReturn', '1 other groups']);
    expect(area.layers[2]!.values).toEqual([0.001, -0.001]);
  });
});
