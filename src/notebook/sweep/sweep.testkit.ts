import { createLocalExecutor } from '../../ml/localExecutor';
import { loadDataCell, type DataCellSpec } from '../../sources/loadSource';
import { parseNotebook } from '../parse';
import type { LoadedData, RunEnvironment } from '../runState';
import type { NotebookDoc } from '../schema';

/** A small, fast notebook to sweep: demo data, a ridge model (closed form), six walk-forward folds. */
export function sweepNotebook(sweep: Record<string, unknown> = {}, model: Record<string, unknown> = {}): NotebookDoc {
  return parseNotebook({
    schema: 'crypto-forecast-lab/notebook',
    version: 1,
    title: 'sweep fixture',
    seed: 1,
    cells: [
      { id: 'data', kind: 'data', source: { type: 'demo', seed: 3, bars: 620 } },
      { id: 'features', kind: 'features', features: [{ name: 'logReturn' }, { name: 'rsi', period: 14 }], target: { type: 'logReturn', horizon: 1 } },
      { id: 'model', kind: 'model', model: { type: 'ridge', lookback: 8, lambda: 1 }, training: { epochs: 1, batchSize: 64, learningRate: 0.01 }, ...model },
      { id: 'walkforward', kind: 'walkforward', mode: 'rolling', trainSize: 200, testSize: 60, step: 60 },
      { id: 'backtest', kind: 'backtest', rule: 'long-flat', feeBps: 10 },
      {
        id: 'sweep',
        kind: 'sweep',
        search: 'grid',
        parameters: { 'model.lambda': [0.01, 1, 100], 'model.lookback': [4, 8] },
        ...sweep,
      },
    ],
  });
}

const noCsv = () => Promise.reject(new Error('no CSV in this test'));

export function loadFixtureData(data: DataCellSpec): Promise<LoadedData> {
  return loadDataCell(data, { readCsvText: noCsv });
}

export function fixtureEnvironment(loadData: RunEnvironment['loadData'] = loadFixtureData): RunEnvironment {
  return { executor: createLocalExecutor('cpu'), loadData, versions: { test: '1' } };
}
