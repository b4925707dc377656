import { describe, expect, it } from 'vitest';
import { foldTimelineTraces, HOLDOUT_LEGEND } from './traces';

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
