import { describe, it, expect } from 'vitest';
import { createRng } from '../rng';
import { dieboldMariano, dieboldMarianoSentence } from './dieboldMariano';

describe('Diebold-Mariano', () => {
  // actual 0 everywhere, so errors are minus the forecasts.
  // model errors 0, 1, 2, 1 -> squares 0, 1, 4, 1; baseline errors 1, 2, 2, 3 -> 1, 4, 4, 9
  // d = -1, -3, 0, -8; mean -3; deviations 2, 0, 3, -5
  const actual = [0, 0, 0, 0];
  const model = [0, 1, 2, 1];
  const baseline = [1, 2, 2, 3];

  it('h = 1, hand-derived', () => {
    // gamma0 = (4 + 0 + 9 + 25) / 4 = 9.5; DM = -3 / sqrt(9.5 / 4)
    // HLN: sqrt((4 + 1 - 2 + 0) / 4) = sqrt(3/4) -> -3 sqrt(0.75 * 4 / 9.5) = -3 sqrt(6/19)
    // p: 2 * P(T3 > 1.68585) = 0.1904104089998691 (scipy)
    const result = dieboldMariano(actual, model, baseline);
    expect(result.meanLossDifferential).toBe(-3);
    expect(result.n).toBe(4);
    expect(result.statistic).toBeCloseTo(-3 * Math.sqrt(6 / 19), 14);
    expect(result.pValue).toBeCloseTo(0.1904104089998691, 13);
    expect(result.verdict).toBe('not distinguishable');
  });

  it('h = 2, Newey-West weight 1 - 1/2 on lag 1', () => {
    // gamma1 = (0*2 + 3*0 + (-5)*3) / 4 = -3.75; LRV = 9.5 + 2 * 0.5 * (-3.75) = 5.75
    // HLN: (4 + 1 - 4 + 2/4) / 4 = 0.375 -> -3 sqrt(0.375 * 4 / 5.75) = -3 sqrt(6/23); p = 0.22298109525521062
    const result = dieboldMariano(actual, model, baseline, { horizon: 2 });
    expect(result.statistic).toBeCloseTo(-3 * Math.sqrt(6 / 23), 14);
    expect(result.pValue).toBeCloseTo(0.22298109525521062, 13);
    // rectangular (DM 1995): LRV = 9.5 - 7.5 = 2 -> -3 sqrt(0.375 * 4 / 2)
    expect(dieboldMariano(actual, model, baseline, { horizon: 2, kernel: 'rectangular' }).statistic).toBeCloseTo(-3 * Math.sqrt(0.75), 14);
  });

  it('verdicts follow the sign of the loss differential', () => {
    const rng = createRng(3);
    const n = 200;
    const truth = Array.from({ length: n }, () => rng.normal());
    const good = truth.map((y) => y + 0.3 * rng.normal());
    const bad = truth.map((y) => y + 1.0 * rng.normal());
    const beats = dieboldMariano(truth, good, bad);
    expect(beats.verdict).toBe('beats');
    expect(beats.pValue).toBeLessThan(1e-6);
    expect(dieboldMariano(truth, bad, good).verdict).toBe('worse');
    const same = dieboldMariano(truth, good, good);
    expect([same.statistic, same.pValue, same.verdict]).toEqual([0, 1, 'not distinguishable']);
  });

  it('skips NaN rows and names bad input', () => {
    expect(dieboldMariano([0, 0, 0, 0, NaN], [...model, 1], [...baseline, 1]).n).toBe(4);
    expect(() => dieboldMariano([1, 2], [1], [1, 2])).toThrow('dieboldMariano: actual has 2 values, model 1, baseline 2');
    expect(() => dieboldMariano(actual, model, baseline, { horizon: 0 })).toThrow('horizon must be an integer >= 1, got 0');
    expect(() => dieboldMariano(actual, model, baseline, { horizon: 4 })).toThrow('got n = 4, horizon = 4');
  });

  it('plain sentences', () => {
    expect(dieboldMarianoSentence({ verdict: 'beats', pValue: 0.0123 })).toBe('beats naive (DM p = 0.012)');
    expect(dieboldMarianoSentence({ verdict: 'not distinguishable', pValue: 0.4128 })).toBe('not distinguishable from naive (DM p = 0.41)');
    expect(dieboldMarianoSentence({ verdict: 'worse', pValue: 0.0004 }, 'drift')).toBe('worse than drift (DM p < 0.001)');
  });
});
