import { cellDefinition } from './cells/registry';
import { inputCells, planCellKeys, type KeyContext } from './planKeys';
import type { NotebookDoc } from './schema';

/**
 * The run plan as the UI sees it: which cells a Run would recompute. Derived, never stored: a
 * cell is stale when its key now differs from the key it had in the last run (report `cache.keys`).
 */

export type CellStatus = 'fresh' | 'stale' | 'never-run';

/** The ids of the cells that read `cellId`'s output, directly or through other cells, in document order. */
export function dependentsOf(doc: NotebookDoc, cellId: string): string[] {
  const graph = inputCells(doc);
  const reached = new Set([cellId]);
  for (const cell of doc.cells) {
    if ((graph.get(cell.id) ?? []).some((input) => input !== null && reached.has(input.id))) reached.add(cell.id);
  }
  reached.delete(cellId);
  return doc.cells.filter((c) => reached.has(c.id)).map((c) => c.id);
}

/**
 * What running one cell (Shift+Enter) computes: the cell, the cells that read it, and every cell
 * those read, in document order. A cell that none of them needs (a second backtest, an explain
 * cell of another branch, markdown) is left as it is. Empty when the selection computes nothing
 * (a markdown cell alone).
 */
export function runSelection(doc: NotebookDoc, cellId: string): string[] {
  if (!doc.cells.some((c) => c.id === cellId)) throw new Error(`no cell "${cellId}" in the notebook; expected one of ${doc.cells.map((c) => c.id).join(', ')}`);
  const graph = inputCells(doc);
  const selected = new Set([cellId, ...dependentsOf(doc, cellId)]);
  const pending = [...selected];
  for (let id = pending.pop(); id !== undefined; id = pending.pop()) {
    for (const input of graph.get(id) ?? []) {
      if (input && !selected.has(input.id)) {
        selected.add(input.id);
        pending.push(input.id);
      }
    }
  }
  const cells = doc.cells.filter((c) => selected.has(c.id));
  return cells.some((c) => cellDefinition(c.kind).weight > 0) ? cells.map((c) => c.id) : [];
}

/** Each cell's status against the keys of the last run (null: no run yet). */
export function cellStatuses(doc: NotebookDoc, context: KeyContext, lastKeys: Readonly<Record<string, string>> | null): Record<string, CellStatus> {
  const keys = planCellKeys(doc, context);
  const statuses: Record<string, CellStatus> = {};
  for (const cell of doc.cells) {
    const last = lastKeys?.[cell.id];
    statuses[cell.id] = last === undefined ? 'never-run' : keys[cell.id] === last ? 'fresh' : 'stale';
  }
  return statuses;
}

/**
 * The statuses of `doc`'s cells after the run that wrote `report`: the next run is assumed to load
 * the same data with the same versions, on `backend` when one is chosen, else on the report's.
 * A report written before the cache existed has no keys: every cell is then "never run".
 */
export interface LastRun {
  data: { hash: string };
  backend: { name: NonNullable<KeyContext['backend']> };
  versions: Record<string, string>;
  cache?: { keys: Record<string, string> } | undefined;
}

export function statusesSinceRun(doc: NotebookDoc, report: LastRun | null, backend: KeyContext['backend'] = null): Record<string, CellStatus> {
  if (!report?.cache) return cellStatuses(doc, { dataHash: null, backend, versions: {} }, null);
  const context: KeyContext = { dataHash: report.data.hash, backend: backend ?? report.backend.name, versions: report.versions };
  return cellStatuses(doc, context, report.cache.keys);
}
