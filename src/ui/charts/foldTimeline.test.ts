import { describe, expect, it } from 'vitest';
import { foldTimelineTraces, HOLDOUT_LEGEND } from './traces';

describe('the fold timeline', () => {
  it('draws the embargo and the purge as their own segments, labelled with rows and dates on hover', () => {
    const traces = foldTimelineTraces([
      {
        index: 0,
        trainStart: '2020-01-01',
        trainEnd: '2020-03-31',
        testStart: '2020-04-15',
        testEnd: '2020-05-14',
        embargo: { rows: 5, start: '2020-04-01T00:00:00.000Z', end: '2020-04-05T00:00:00.000Z' },
        purge: { rows: 9, start: '2020-04-06T00:00:00.000Z', end: '2020-04-14T00:00:00.000Z' },
      },
      { index: 1, trainStart: '2020-02-01', trainEnd: '2020-04-30', testStart: '2020-05-10', testEnd: '2020-06-08', embargo: { rows: 0, start: null, end: null }, purge: { rows: 9, start: '2020-05-01T00:00:00.000Z', end: '2020-05-09T00:00:00.000Z' } },
    ]) as { name?: string; base?: unknown[]; x?: unknown[]; hovertext?: string[] }[];
    expect(traces.map((t) => t.name)).toEqual(['train', 'test', 'embargo', 'purge']);
    const [, , embargo, purge] = traces;
    expect(embargo!.hovertext).toEqual(['embargo: 5 rows, 2020-04-01 to 2020-04-05', '']);
    expect(purge!.hovertext).toEqual(['purge: 9 rows, 2020-04-06 to 2020-04-14', 'purge: 9 rows, 2020-05-01 to 2020-05-09']);
    // Each segment spans its days: 5 and 9 days of milliseconds, starting where its rows start.
    expect(embargo!.x![0]).toBe(5 * 86_400_000);
    expect(purge!.base).toEqual(['2020-04-06T00:00:00.000Z', '2020-05-01T00:00:00.000Z']);
    expect(purge!.x).toEqual([9 * 86_400_000, 9 * 86_400_000]);
  });

  it('draws no embargo segment when no fold has one', () => {
    const traces = foldTimelineTraces([{ index: 0, trainStart: '2020-01-01', trainEnd: '2020-03-31', testStart: '2020-04-02', testEnd: '2020-05-01', purge: { rows: 1, start: '2020-04-01T00:00:00.000Z', end: '2020-04-01T00:00:00.000Z' } }]) as { name?: string }[];
    expect(traces.map((t) => t.name)).toEqual(['train', 'test', 'purge']);
  });
});

const fold = (index: number) => {
  const day = (d: number) => new Date(Date.UTC(2024, 0, 1 + d)).toISOString();
  return { index, trainStart: day(index * 10), trainEnd: day(index * 10 + 19), testStart: day(index * 10 + 20), testEnd: day(index * 10 + 29) };
};

describe('the walk-forward fold timeline', () => {
  const folds = [0, 1, 2, 3, 4].map(fold);

  it("draws the sweep's hold-out folds' test spans in a trace of their own, the others as test", () => {
    const traces = foldTimelineTraces(folds, 1) as { name?: string; y?: string[]; marker?: { color?: string } }[];
    expect(traces.map((t) => t.name)).toEqual(['train', 'test', HOLDOUT_LEGEND]);
    expect(traces[1]!.y).toEqual(['fold 1', 'fold 2', 'fold 3', 'fold 4']);
    expect(traces[2]!.y).toEqual(['fold 5']);
    expect(traces[2]!.marker?.color).not.toBe(traces[1]!.marker?.color);
    expect(HOLDOUT_LEGEND).toBe('hold-out (never seen by the sweep)');
  });

  it('has no hold-out trace without a sweep', () => {
    const traces = foldTimelineTraces(folds) as { name?: string; y?: string[] }[];
    expect(traces.map((t) => t.name)).toEqual(['train', 'test']);
    expect(traces[1]!.y).toHaveLength(5);
  });
});
