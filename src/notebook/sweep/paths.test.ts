import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { NotebookFormatError, parseNotebook } from '../parse';
import type { CellOf } from '../schema';
import { applyParameters, parsePathText, resolveParameter, writeParameters } from './paths';

const tinyJson = JSON.parse(readFileSync(join(__dirname, '../../../public/notebooks/tiny.json'), 'utf8')) as { cells: unknown[] };

/** The minimal sweep cell, with `parameters` replaced when given. */
function withSweep(parameters?: Record<string, unknown>, extra: Record<string, unknown> = {}) {
  const sweep = {
    id: 'sweep',
    kind: 'sweep',
    search: 'random',
    trials: 6,
    seed: 1,
    parameters: parameters ?? { 'model.units': [4, 8, 16], 'training.learningRate': { min: 0.0005, max: 0.01, scale: 'log' } },
    ...extra,
  };
  return { ...tinyJson, cells: [...tinyJson.cells, sweep] };
}

function problems(input: unknown): string[] {
  try {
    parseNotebook(input);
    return [];
  } catch (error) {
    if (error instanceof NotebookFormatError) return error.problems;
    throw error;
  }
}

describe('the sweep cell', () => {
  it('parses the minimal cell of the issue, everything else defaulted', () => {
    const doc = parseNotebook(withSweep());
    const sweep = doc.cells.find((c): c is CellOf<'sweep'> => c.kind === 'sweep')!;
    expect(sweep.pruning).toBe('none');
    expect(sweep.holdout).toBe(0.2);
    expect(sweep.objective).toEqual({ metric: 'backtest.sharpe', direction: 'maximize' });
    expect(sweep.parameters['training.learningRate']).toEqual({ min: 0.0005, max: 0.01, scale: 'log', integer: false, steps: 5 });
  });

  it('names an unknown path at its place in the sweep cell', () => {
    expect(problems(withSweep({ 'model.unitz': [4] }))).toEqual([
      expect.stringMatching(/^cells\[6\]\.parameters\.model\.unitz: no cell has a parameter "model\.unitz"/),
    ]);
  });

  it("refuses a value outside the field's declared range, with the field's own message", () => {
    const [problem] = problems(withSweep({ 'model.units': [4, 9999] }));
    expect(problem).toMatch(/^cells\[6\]\.parameters\.model\.units\[1\]: 9999 is not a valid model\.model\.units: .*512/);
    expect(problems(withSweep({ 'backtest.feeBps': { min: 0, max: 5000 } }))[0]).toMatch(/parameters\.backtest\.feeBps\.max: 5000 is not a valid backtest\.feeBps/);
    expect(problems(withSweep({ 'training.learningRate': { min: 0, max: 0.1, scale: 'log' } }))[0]).toMatch(/log scale needs min > 0/);
  });

  it('asks for integer: true when a whole-number field gets a continuous range', () => {
    expect(problems(withSweep({ 'model.lookback': { min: 4, max: 16 } }))[0]).toMatch(/add "integer": true/);
    expect(problems(withSweep({ 'model.lookback': { min: 4, max: 16, integer: true } }))).toEqual([]);
  });

  it('resolves cell ids, cell kinds and paths inside a cell, a feature period included', () => {
    const doc = parseNotebook(withSweep({ 'backtest.feeBps': [0, 10], 'features[1].period': [7, 14], 'walkforward.trainSize': [150, 200] }));
    expect(resolveParameter(doc, 'features[1].period', [7])).toEqual({ name: 'features[1].period', cellIndex: 2, keys: ['features', 1, 'period'] });
    expect(resolveParameter(doc, 'backtest.feeBps', [1])).toEqual({ name: 'backtest.feeBps', cellIndex: 5, keys: ['feeBps'] });
    expect(parsePathText('a.b[2][3].c')).toEqual(['a', 'b', 2, 3, 'c']);
    expect(parsePathText('a..b')).toBeNull();
  });

  it('applies a trial to a copy of the notebook without the sweep cell', () => {
    const doc = parseNotebook(withSweep());
    const resolved = ['model.units', 'training.learningRate'].map((name) => resolveParameter(doc, name, [1]));
    const trial = applyParameters(doc, resolved.filter((r) => typeof r !== 'string'), { 'model.units': 16, 'training.learningRate': 0.002 });
    expect(trial.cells.some((c) => c.kind === 'sweep')).toBe(false);
    const model = trial.cells.find((c): c is CellOf<'model'> => c.kind === 'model')!;
    expect(model.model).toMatchObject({ units: 16 });
    expect(model.training.learningRate).toBe(0.002);
    expect(doc.cells.find((c): c is CellOf<'model'> => c.kind === 'model')!.model).toMatchObject({ units: 8 });
  });

  it('writes the chosen values into the notebook, the sweep cell kept (Apply best)', () => {
    const doc = parseNotebook(withSweep());
    const applied = writeParameters(doc, { 'model.units': 16, 'training.learningRate': 0.003 });
    const model = applied.cells.find((c): c is CellOf<'model'> => c.kind === 'model')!;
    expect(model.model).toMatchObject({ units: 16 });
    expect(model.training.learningRate).toBe(0.003);
    expect(applied.cells.some((c) => c.kind === 'sweep')).toBe(true);
    expect(parseNotebook(applied)).toEqual(applied);
    expect(() => writeParameters(doc, { 'model.nope': 1 })).toThrow(/cannot apply model\.nope/);
  });
});
