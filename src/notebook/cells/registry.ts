import type { CellContext } from '../runState';
import type { KeyedEnvironment } from '../planKeys';
import type { Cell, CellKind, CellOf } from '../schema';
import { backtestCellDeclaration } from './backtest.decl';
import { runBacktestCell } from './backtestCell';
import { dataCellDeclaration } from './data.decl';
import { explainCellDeclaration } from './explain.decl';
import { runExplainCell } from './explainCell';
import { featuresCellDeclaration } from './features.decl';
import { markdownCellDeclaration } from './markdown.decl';
import { modelCellDeclaration } from './model.decl';
import { walkforwardCellDeclaration } from './walkforward.decl';
import { sweepCellDeclaration } from './sweep.decl';
import { runDataCell } from './dataCell';
import { runFeaturesCell } from './featuresCell';
import { runModelCell } from './modelCell';
import { runWalkforwardCell } from './walkforwardCell';

/** A cell kind's declaration (label, schema, inputs, weight) with the function that runs it. */
export interface CellDefinition<K extends CellKind = CellKind> {
  kind: K;
  label: string;
  /** Share of a run's progress bar this cell takes. */
  weight: number;
  /** The cell kinds whose outputs it reads (the nearest cell of each kind above it): its edges in the run graph (plan.ts). */
  inputs: readonly string[];
  /** Run-environment values its output depends on besides its params and inputs (part of its cache key). */
  uses?: readonly KeyedEnvironment[];
  run(cell: CellOf<K>, ctx: CellContext): Promise<void>;
}

function define<K extends CellKind>(definition: CellDefinition<K>): CellDefinition<K> {
  return definition;
}

export const CELLS = [
  define({ ...dataCellDeclaration, uses: ['dataHash'], run: runDataCell }),
  define({ ...featuresCellDeclaration, run: runFeaturesCell }),
  define({ ...modelCellDeclaration, run: runModelCell }),
  define({ ...walkforwardCellDeclaration, uses: ['seed', 'backend'], run: runWalkforwardCell }),
  define({ ...backtestCellDeclaration, run: runBacktestCell }),
  define({ ...explainCellDeclaration, uses: ['seed', 'backend'], run: runExplainCell }),
  define({ ...markdownCellDeclaration, run: async () => {} }),
  // A sweep runs the notebook many times (src/notebook/sweep); a normal run passes over it.
  define({ ...sweepCellDeclaration, run: async () => {} }),
] as const;

export function cellDefinition<K extends CellKind>(kind: K): CellDefinition<K> {
  const definition = CELLS.find((c) => c.kind === kind);
  if (!definition) throw new Error(`no runner for cell kind "${kind}"`);
  return definition as unknown as CellDefinition<K>;
}

export function runCell(cell: Cell, ctx: CellContext): Promise<void> {
  return (cellDefinition(cell.kind).run as (c: Cell, x: CellContext) => Promise<void>)(cell, ctx);
}
