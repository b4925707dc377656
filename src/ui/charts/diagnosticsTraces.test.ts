import { describe, expect, it } from 'vitest';
import { driftHeatmapTraces, learningCurveTraces } from './diagnosticsTraces';

describe('diagnostics traces', () => {
  it('put each feature and fold in its PSI band, with the fold error beside', () => {
    const traces = driftHeatmapTraces(
      [
        { index: 0, rmse: 0.02, columns: { a: { psi: 0.05, ks: 0.1 }, b: { psi: 0.15, ks: 0.2 } } },
        { index: 1, rmse: 0.03, columns: { a: { psi: 0.25, ks: 0.3 }, b: { psi: null, ks: null } } },
      ],
      ['a', 'b'],
    ) as { name?: string; x?: unknown[]; y?: unknown[] }[];
    expect(traces.map((t) => t.x)).toEqual([['fold 1'], ['fold 1'], ['fold 2'], ['fold 1', 'fold 2']]);
    expect(traces[2]!.y).toEqual(['a']);
    expect(traces[3]!.y).toEqual([0.02, 0.03]);
  });

  it('mark the epoch early stopping kept on the validation curve', () => {
    const traces = learningCurveTraces([{ fold: 2, train: [1, 0.8, 0.7], val: [1.1, 0.9, 1.0], bestEpoch: 2 }]) as { name?: string; x?: unknown[]; y?: unknown[] }[];
    expect(traces.map((t) => t.name)).toEqual(['fold 3 train', 'fold 3 validation', 'fold 3 epoch kept (2)']);
    expect(traces[2]!.x).toEqual([2]);
    expect(traces[2]!.y).toEqual([0.9]);
  });

  it('list every curve in the legend when few folds are overlaid, none when many are', () => {
    const curve = (fold: number) => ({ fold, train: [1, 0.8], val: [1.1, 0.9], bestEpoch: 1 });
    const inLegend = (n: number) => (learningCurveTraces(Array.from({ length: n }, (_, i) => curve(i))) as { name?: string; showlegend?: boolean }[]).filter((t) => t.showlegend !== false).map((t) => t.name);
    expect(inLegend(2)).toEqual(['fold 1 train', 'fold 1 validation', 'fold 1 epoch kept (1)', 'fold 2 train', 'fold 2 validation', 'fold 2 epoch kept (1)']);
    expect(inLegend(6)).toEqual([]);
  });
});
