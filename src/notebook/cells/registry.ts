import type { CellContext } from '../runState';
import type { KeyedEnvironment } from '../planKeys';
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
  /** The cell kinds whose outputs it reads (the nearest cell of each kind above it): its edges in the run graph (plan.ts). */
  inputs: readonly CellKind[];
  /** Run-environment values its output depends on besides its params and inputs (part of its cache key). */
  uses?: readonly KeyedEnvironment[];
  run(cell: CellOf<K>, ctx: CellContext): Promise<void>;
}

function define<K extends CellKind>(definition: CellDefinition<K>): CellDefinition<K> {
  return definition;
}

export const CELLS = [
  define({ kind: 'data', label: 'Data', weight: 0.04, inputs: [], uses: ['dataHash'], run: runDataCell }),
  define({ kind: 'features', label: 'Features', weight: 0.02, inputs: ['data'], run: runFeaturesCell }),
  define({ kind: 'model', label: 'Model', weight: 0, inputs: [], run: runModelCell }),
  define({ kind: 'walkforward', label: 'Walk-forward', weight: 0.9, inputs: ['features', 'model'], uses: ['seed', 'backend'], run: runWalkforwardCell }),
  define({ kind: 'backtest', label: 'Backtest', weight: 0.04, inputs: ['data', 'walkforward'], run: runBacktestCell }),
  define({ kind: 'markdown', label: 'Notes', weight: 0, inputs: [], run: async () => {} }),
] as const;

export function cellDefinition<K extends CellKind>(kind: K): CellDefinition<K> {
  const definition = CELLS.find((c) => c.kind === kind);
  if (!definition) throw new Error(`no runner for cell kind "${kind}"`);
  return definition as unknown as CellDefinition<K>;
}

export function runCell(cell: Cell, ctx: CellContext): Promise<void> {
  return (cellDefinition(cell.kind).run as (c: Cell, x: CellContext) => Promise<void>)(cell, ctx);
}
