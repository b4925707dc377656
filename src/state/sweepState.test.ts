import { describe, expect, it } from 'vitest';
import { parseNotebookJson } from '../notebook/parse';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { axisScales, sweepDomains, sweepHoldoutFolds } from './sweepState';

const sweepDoc = parseNotebookJson(readFileSync(resolve(__dirname, '../../public/notebooks/sweep.json'), 'utf8'));

describe("the sweep cell's hold-out and scales, as the result views read them", () => {
  it('holds out the last 20% of the folds by default (at least one), none without a sweep cell', () => {
    expect(sweepHoldoutFolds(sweepDoc, 10)).toBe(2);
    expect(sweepHoldoutFolds(sweepDoc, 3)).toBe(1);
    expect(sweepHoldoutFolds({ ...sweepDoc, cells: sweepDoc.cells.filter((c) => c.kind !== 'sweep') }, 10)).toBe(0);
    expect(sweepHoldoutFolds(null, 10)).toBe(0);
  });

  it("gives each parameter its axis: a list of values in order, a range on its scale", () => {
    expect(axisScales(sweepDomains(sweepDoc))).toEqual({ 'model.lambda': 'ordinal', 'model.lookback': 'ordinal' });
    expect(axisScales({ 'training.learningRate': { min: 0.001, max: 0.1, scale: 'log', integer: false, steps: 5 }, 'model.units': [4, 8] })).toEqual({ 'training.learningRate': 'log', 'model.units': 'ordinal' });
    expect(axisScales(null)).toEqual({});
  });
});
