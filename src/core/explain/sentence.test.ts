import { describe, expect, it } from 'vitest';
import { explanationSentence, waterfallSteps, waterfallText } from './sentence';
import { additivityError, globalImportance } from './summary';
import { heatmapCells, heatmapColumns } from './heatmap';
import { attributionGroups } from './groups';

const window = { date: '2024-03-05', base: 0.001, prediction: 0.012, groups: ['rsi_14', 'volatility_7', 'logReturn', 'ema_20'], values: [0.006, -0.003, 0.005, 0.003] };

describe('the explanation sentence', () => {
  it('names the prediction, the base, the two largest groups and the rest', () => {
    expect(explanationSentence(window, { kind: 'return' })).toBe(
      'Predicted +1.2% for 2024-03-05 (base +0.10%): mostly rsi_14 +0.60% and logReturn +0.50%; the rest +0.0%.',
    );
  });

  it('says P(up) for a direction target, in points', () => {
    const w = { ...window, base: 0.5, prediction: 0.56, values: [0.04, -0.01, 0.02, 0.01] };
    expect(explanationSentence(w, { kind: 'probability' })).toBe('P(up) 56.0% for 2024-03-05 (base 50.0%): mostly rsi_14 +4.0 pts and logReturn +2.0 pts; the rest +0.0 pts.');
  });

  it('names the quantile it explains', () => {
    expect(explanationSentence(window, { kind: 'quantile', level: 0.9 })).toMatch(/^Predicted 0\.9 quantile \+1\.2% for 2024-03-05/);
  });

  it('has no "rest" when every group is named, and "all" for a single group', () => {
    expect(explanationSentence({ ...window, groups: ['a', 'b'], values: [0.01, 0.001] }, { kind: 'return' })).toMatch(/mostly a \+1\.0% and b \+0\.10%\.$/);
    expect(explanationSentence({ ...window, groups: ['a'], values: [0.011] }, { kind: 'return' })).toMatch(/: all a \+1\.1%\.$/);
  });
});

describe('the waterfall', () => {
  it('runs base -> largest groups -> the rest -> prediction', () => {
    const steps = waterfallSteps(window, 2);
    expect(steps.map((s) => s.label)).toEqual(['base', 'rsi_14', 'logReturn', '2 other groups', 'prediction']);
    expect(steps[3]!.value).toBeCloseTo(0, 12);
    const text = waterfallText(window, { kind: 'return' }, 2);
    expect(text.split('\n')).toHaveLength(5);
    expect(text).toContain('rsi_14');
    expect(text.split('\n')[1]).toMatch(/\+{24}$/);
  });
});

describe('global importance and additivity', () => {
  it('sorts by mean |value| and reports the spread and the worst additivity gap', () => {
    const windows = [
      { base: 0, prediction: 0.3, values: [0.1, 0.2] },
      { base: 0, prediction: 0.1, values: [0.3, -0.4] },
    ];
    const global = globalImportance(['a', 'b'], windows);
    expect(global.map((g) => g.group)).toEqual(['b', 'a']);
    expect(global[0]!.meanAbs).toBeCloseTo(0.3, 12);
    expect(global[0]!.meanSigned).toBeCloseTo(-0.1, 12);
    expect(global[0]!.spread).toBeCloseTo(Math.sqrt(0.02), 12);
    expect(additivityError(windows)).toBeCloseTo(0.2, 12);
  });
});

describe('the feature x lag grid', () => {
  it('places featureLag cells and the pruned coalition', () => {
    const groups = attributionGroups(['x', 'y'], 5, 'featureLag', 2);
    expect(groups.map((g) => g.name)).toEqual(['x lag 0', 'y lag 0', 'x lag 1', 'y lag 1', 'lags 2-4']);
    const cells = heatmapCells(groups, [1, 2, 3, 4, 5]);
    expect(cells[4]).toEqual({ row: 'all features', column: 'lags 2-4', value: 5 });
    expect(heatmapColumns(groups)).toEqual(['lag 0', 'lag 1', 'lags 2-4']);
    // Every cell of the window in exactly one group.
    expect(groups.reduce((s, g) => s + g.cells.length, 0)).toBe(10);
  });
});
