import type { CellContext } from '../runState';
import type { Cell, CellKind, CellOf } from '../schema';
import { runBacktestCell } from './backtestCell';
import { runDataCell } from './dataCell';
import { runFeaturesCell } from './featuresCell';
import { runModelCell } from './modelCell';
import { runWalkforwardCell } from './walkforwardCell';

export interface CellDefinition<K extends CellKind = CellKind> {
  kind: K;
  label: string;
  /** Share of a run's progress bar this cell takes. */
  weight: number;
  run(cell: CellOf<K>, ctx: CellContext): Promise<void>;
}

function define<K extends CellKind>(definition: CellDefinition<K>): CellDefinition<K> {
  return definition;
}

export const CELLS = [
  define({ kind: 'data', label: 'Data', weight: 0.04, run: runDataCell }),
  define({ kind: 'features', label: 'Features', weight: 0.02, run: runFeaturesCell }),
  define({ kind: 'model', label: 'Model', weight: 0, run: runModelCell }),
  define({ kind: 'walkforward', label: 'Walk-forward', weight: 0.9, run: runWalkforwardCell }),
  define({ kind: 'backtest', label: 'Backtest', weight: 0.04, run: runBacktestCell }),
  define({ kind: 'markdown', label: 'Notes', weight: 0, run: async () => {} }),
] as const;

export function cellDefinition<K extends CellKind>(kind: K): CellDefinition<K> {
  const definition = CELLS.find((c) => c.kind === kind);
  if (!definition) throw new Error(`no runner for cell kind "${kind}"`);
  return definition as unknown as CellDefinition<K>;
}

export function runCell(cell: Cell, ctx: CellContext): Promise<void> {
  return (cellDefinition(cell.kind).run as (c: Cell, x: CellContext) => Promise<void>)(cell, ctx);
}
