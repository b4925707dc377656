import { createLocalExecutor } from '../../../src/ml/localExecutor';
import type { RunEnvironment } from '../../../src/notebook/runState';
import { loadDataCell, type SourceIo } from '../../../src/sources/loadSource';

type Json = Record<string, unknown>;

/** A small runnable notebook (demo data), with cells replaced or added by `patch`. */
export function corpusNotebook(patch: { cells?: Record<string, Json>; extraCells?: { at: number; cell: Json }[]; bars?: number } = {}): Json {
  const cells: Json[] = [
    { id: 'data', kind: 'data', source: { type: 'demo', seed: 3, bars: patch.bars ?? 400 } },
    { id: 'features', kind: 'features', features: [{ name: 'logReturn' }, { name: 'rsi', period: 14 }], target: { type: 'logReturn', horizon: 1 } },
    {
      id: 'model',
      kind: 'model',
      model: { type: 'lstm', units: 8, lookback: 8, recurrentActivation: 'sigmoid' },
      training: { epochs: 3, batchSize: 32, learningRate: 0.01 },
    },
    { id: 'walkforward', kind: 'walkforward', mode: 'rolling', trainSize: 200, testSize: 60, step: 60 },
    { id: 'backtest', kind: 'backtest', rule: 'long-flat', threshold: 0, feeBps: 10, execution: 'open', periodsPerYear: 365 },
  ].map((cell) => ({ ...cell, ...(patch.cells?.[cell.kind as string] ?? {}) }));
  for (const { at, cell } of patch.extraCells ?? []) cells.splice(at, 0, cell);
  return { schema: 'crypto-forecast-lab/notebook', version: 1, title: 'corpus', seed: 1, cells };
}

/** Node's in-process executor on cpu, data from the demo generator or the given io. */
export function corpusEnvironment(io: Partial<SourceIo> = {}): RunEnvironment {
  return {
    executor: createLocalExecutor('cpu'),
    loadData: (data) => loadDataCell(data, { readCsvText: () => Promise.reject(new Error('no CSV in this case')), ...io }),
    versions: {},
  };
}
