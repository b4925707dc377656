/**
 * Notebooks a run cannot honour or afford (issue 14, item 5): refused before any work, with
 * the cell's path, the size and the parameter to change.
 */
import { describe, expect, it } from 'vitest';
import { parseNotebook } from '../../../src/notebook/parse';
import { runNotebook } from '../../../src/notebook/runner';
import { corpusEnvironment, corpusNotebook } from './corpusNotebooks.testkit';

/** An environment whose data loading fails the test: a refused run must not get that far. */
function noWork() {
  const env = corpusEnvironment();
  return { ...env, loadData: () => Promise.reject(new Error('the run started loading data')) };
}

describe('corpus: notebook structure', () => {
  it('two data cells: refused with the second one\'s path', async () => {
    const doc = parseNotebook(
      corpusNotebook({ extraCells: [{ at: 3, cell: { id: 'data2', kind: 'data', source: { type: 'demo', seed: 4, bars: 300 } } }] }),
    );
    await expect(runNotebook(doc, noWork())).rejects.toThrow('cells[3]: a second data cell ("data2"); the runner reads one (cells[0]): remove one or merge them');
  });

  it('two backtest cells and two model cells are refused the same way', async () => {
    const backtests = parseNotebook(corpusNotebook({ extraCells: [{ at: 5, cell: { id: 'bt2', kind: 'backtest', rule: 'long-short', feeBps: 0 } }] }));
    await expect(runNotebook(backtests, noWork())).rejects.toThrow(/^cells\[5\]: a second backtest cell \("bt2"\)/);
    const models = parseNotebook(
      corpusNotebook({ extraCells: [{ at: 1, cell: { id: 'm0', kind: 'model', model: { type: 'naive' }, training: { epochs: 1, batchSize: 1, learningRate: 0.1 } } }] }),
    );
    await expect(runNotebook(models, noWork())).rejects.toThrow(/^cells\[3\]: a second model cell \("model"\); the runner reads one \(cells\[1\]\)/);
  });

  it('a cell above the cell it reads: refused with both paths', async () => {
    const doc = corpusNotebook();
    const cells = doc.cells as unknown[];
    [cells[0], cells[1]] = [cells[1], cells[0]];
    await expect(runNotebook(parseNotebook(doc), noWork())).rejects.toThrow(
      "cells[0]: the features cell reads the data cell's output, but that cell comes after it (cells[1]): move cells[0] below it",
    );
  });
});

describe('corpus: run budget', () => {
  it('2,001+ folds: refused before loading data, with the fold count and the parameter to change', async () => {
    // 4,000 demo bars, rolling 200 / step 1: about 3,784 folds.
    const doc = parseNotebook(corpusNotebook({ bars: 4000, cells: { walkforward: { step: 1, testSize: 1 } } }));
    const error = await runNotebook(doc, noWork()).catch((e: Error) => e);
    expect((error as Error).message).toMatch(/^run budget: the walk-forward makes about 3,78\d folds over 4,000 rows, over the limit of 2,000: raise cells\[3\]\.step/);
  });

  it('windows past a browser tab\'s memory: refused with the size in GB and what to lower', async () => {
    // 90,000 rows x lookback 512 x 40 features x 4 bytes: about 7 GB of windows.
    const features = Array.from({ length: 40 }, (_, i) => ({ name: 'rsi', period: i + 2 }));
    const doc = parseNotebook(
      corpusNotebook({
        bars: 100_000,
        cells: {
          features: { features },
          model: { model: { type: 'lstm', units: 8, lookback: 512, recurrentActivation: 'sigmoid' } },
          walkforward: { mode: 'rolling', trainSize: 90_000, testSize: 5000, step: 5000 },
        },
      }),
    );
    await expect(runNotebook(doc, noWork())).rejects.toThrow(
      /^run budget: training needs about 6\.\d GB \(90,000 windows x lookback x features x 4 bytes, plus [\d,]+ parameters\), over the 1\.0 GB a browser tab can hold: lower cells\[2\]\.model\.lookback or cells\[3\]\.trainSize/,
    );
  });

  it('a CSV\'s rows are known only once read: the budget is checked again after loading', async () => {
    const doc = parseNotebook(corpusNotebook({ cells: { data: { source: { type: 'csv', name: 'big.csv', path: 'big.csv' } }, walkforward: { step: 1, testSize: 1 } } }));
    const rows = 3000;
    const csv = ['time,open,high,low,close,volume', ...Array.from({ length: rows }, (_, i) => `${Date.UTC(2020, 0, 1) + i * 86_400_000},1,1,1,${1 + (i % 7) / 100},1`)].join('\n');
    await expect(runNotebook(doc, corpusEnvironment({ readCsvText: () => Promise.resolve(csv) }))).rejects.toThrow(
      /cell "data" \(data\): run budget: the walk-forward makes about 2,78\d folds over 3,000 rows, over the limit of 2,000/,
    );
  });

  it('periodsPerYear 1e300: the schema refuses it with its path', () => {
    expect(() => parseNotebook(corpusNotebook({ cells: { backtest: { periodsPerYear: 1e300 } } }))).toThrow(/cells\[4\]\.periodsPerYear: .*525600/);
  });
});
