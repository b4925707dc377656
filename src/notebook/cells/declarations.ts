/** Every cell kind's declaration, in the order a notebook runs them. One file per kind. */
import { backtestCellDeclaration } from './backtest.decl';
import { dataCellDeclaration } from './data.decl';
import { explainCellDeclaration } from './explain.decl';
import { featuresCellDeclaration } from './features.decl';
import { markdownCellDeclaration } from './markdown.decl';
import { modelCellDeclaration } from './model.decl';
import { walkforwardCellDeclaration } from './walkforward.decl';
import { sweepCellDeclaration } from './sweep.decl';

export const CELL_DECLARATIONS = [
  dataCellDeclaration,
  featuresCellDeclaration,
  modelCellDeclaration,
  walkforwardCellDeclaration,
  backtestCellDeclaration,
  explainCellDeclaration,
  markdownCellDeclaration,
  sweepCellDeclaration,
] as const;

export type CellKind = (typeof CELL_DECLARATIONS)[number]['kind'];

export function cellDeclaration(kind: CellKind): (typeof CELL_DECLARATIONS)[number] {
  const found = CELL_DECLARATIONS.find((c) => c.kind === kind);
  if (!found) throw new Error(`unknown cell kind "${kind}"; expected one of ${CELL_DECLARATIONS.map((c) => c.kind).join(', ')}`);
  return found;
}

/** The label the UI shows for a cell kind (a draft may hold an unknown kind: it shows as written). */
export function cellLabel(kind: string): string {
  return CELL_DECLARATIONS.find((c) => c.kind === kind)?.label ?? kind;
}
