import type { BackendName } from '../core/executor';
import { canonicalJson } from './canonical';
import { hashText } from '../core/hash';
import { cellDefinition } from './cells/registry';
import type { Cell, NotebookDoc } from './schema';

/**
 * Content keys of a notebook's cells: a cell's key is the hash of everything its output depends
 * on (its params, its inputs' keys, the environment values it declares, the engine versions), so
 * an unchanged key means an unchanged output, and a changed one a stale cell.
 */

/**
 * The runner's own numerics and cached value shapes. Bump it when a change to the runner, a
 * cell or a cached value's layout would make an older cached result wrong or unreadable.
 * 3: log/exp/pow/sin/cos from src/core/math (fdlibm ports) instead of Math.*; demo data, returns
 * and every number after them can differ in the last bits from format 2's.
 */
export const CACHE_FORMAT = 3;

/** Run-environment values a cell kind may declare it depends on (cells/registry.ts `uses`). */
export type KeyedEnvironment = 'dataHash' | 'seed' | 'backend';

export interface KeyContext {
  /** Content hash of the data the data cell loaded (null: not known yet). */
  dataHash: string | null;
  /** The backend models train on (null: not known yet). */
  backend: BackendName | null;
  /** The run's versions (app, tfjs, ...). */
  versions: Record<string, string>;
}

/** Versions that change numbers; the browser's user agent string changes on every update and does not. */
export function keyVersions(versions: Record<string, string>): Record<string, string> {
  const { userAgent: _userAgent, ...rest } = versions;
  return rest;
}

/** For each cell, the cells it reads: the nearest cell above it of each kind its definition lists (null: none above it). */
export function inputCells(doc: NotebookDoc): Map<string, (Cell | null)[]> {
  const graph = new Map<string, (Cell | null)[]>();
  doc.cells.forEach((cell, index) => {
    const above = doc.cells.slice(0, index);
    graph.set(
      cell.id,
      cellDefinition(cell.kind).inputs.map((kind) => above.findLast((c) => c.kind === kind) ?? null),
    );
  });
  return graph;
}

/** The key of one cell from its inputs' keys; null when an input or a used environment value is unknown. */
export function cellKey(cell: Cell, seed: number, inputKeys: readonly (string | null)[], context: KeyContext): string | null {
  if (inputKeys.some((k) => k === null)) return null;
  const uses = cellDefinition(cell.kind).uses ?? [];
  const environment: Record<string, unknown> = {};
  for (const name of uses) {
    const value = name === 'seed' ? seed : context[name];
    if (value === null) return null;
    environment[name] = value;
  }
  const { id: _id, ...params } = cell;
  return hashText(canonicalJson({ format: CACHE_FORMAT, versions: keyVersions(context.versions), params, inputs: inputKeys, environment }));
}

/** Every cell's key, by cell id, in document order. */
export function planCellKeys(doc: NotebookDoc, context: KeyContext): Record<string, string | null> {
  const graph = inputCells(doc);
  const keys: Record<string, string | null> = {};
  for (const cell of doc.cells) {
    const inputs = graph.get(cell.id) ?? [];
    keys[cell.id] = cellKey(cell, doc.seed, inputs.map((input) => (input ? (keys[input.id] ?? null) : null)), context);
  }
  return keys;
}
