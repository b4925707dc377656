import { describe, expect, it } from 'vitest';
import { lossChartGeometry } from './lossChartGeometry';

describe('lossChartGeometry', () => {
  it('maps epochs to x and the loss range to y (y grows downwards), one path per series', () => {
    const g = lossChartGeometry(
      [
        { fold: 0, loss: [2, 1, 0], valLoss: [null, null, null] },
        { fold: 1, loss: [1, 1], valLoss: [2, null] },
      ],
      100,
      50,
    );
    expect(g.epochs).toBe(3);
    expect([g.lossMin, g.lossMax]).toEqual([0, 2]);
    expect(g.paths.map((p) => [p.key, p.validation, p.d])).toEqual([
      ['0-loss', false, 'M0.0,0.0L50.0,25.0L100.0,50.0'],
      ['1-loss', false, 'M0.0,25.0L50.0,25.0'],
      ['1-val', true, 'M0.0,0.0'],
    ]);
  });

  it('breaks a line at a missing value and survives a flat or empty chart', () => {
    const g = lossChartGeometry([{ fold: 0, loss: [1, NaN, 1], valLoss: [] }], 10, 10);
    expect(g.paths[0]!.d).toBe('M0.0,10.0M10.0,10.0');
    expect(lossChartGeometry([], 10, 10).paths).toEqual([]);
  });
});
