/**
 * A notebook's run history: each stored run with its headline numbers and what changed from the
 * run before it (a parameter diff of the two documents, cells matched by id), and the number of
 * distinct configurations tried (distinct notebook hashes), which the deflated Sharpe corrects for.
 */
import { runReportSchema, type RunReport } from './report';
import { notebookSchema, type NotebookDoc } from './schema';

export interface ParamChange {
  /** `backtest.feeBps`, `model.model.units`, `title`, `cells` (a cell added or removed: `+notes`, `-notes`). */
  path: string;
  before: string;
  after: string;
}

export interface RunEntry {
  id: string;
  createdAt: number;
  notebookHash: string;
  report: RunReport;
  /** Null for runs stored before documents were kept with them. */
  doc: NotebookDoc | null;
  /** From the previous (older) run; null when there is none or either document is missing. */
  changes: ParamChange[] | null;
}

export interface StoredRunInput {
  id: string;
  createdAt: number;
  notebookHash: string;
  report: unknown;
  doc?: unknown;
}

const show = (value: unknown): string => (value === undefined ? '(unset)' : typeof value === 'string' ? value : JSON.stringify(value));

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function diffValues(before: unknown, after: unknown, path: string, out: ParamChange[]): void {
  if (isPlainObject(before) && isPlainObject(after)) {
    const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])].sort();
    for (const key of keys) diffValues(before[key], after[key], path ? `${path}.${key}` : key, out);
    return;
  }
  if (JSON.stringify(before) !== JSON.stringify(after)) out.push({ path, before: show(before), after: show(after) });
}

/** Every leaf that differs between two notebooks; cells are matched by id, so reordering is not a change. */
export function paramDiff(before: NotebookDoc, after: NotebookDoc): ParamChange[] {
  const out: ParamChange[] = [];
  if (before.title !== after.title) out.push({ path: 'title', before: before.title, after: after.title });
  if (before.seed !== after.seed) out.push({ path: 'seed', before: String(before.seed), after: String(after.seed) });
  const beforeCells = new Map(before.cells.map((c) => [c.id, c]));
  const afterCells = new Map(after.cells.map((c) => [c.id, c]));
  for (const [id, cell] of afterCells) {
    const old = beforeCells.get(id);
    if (!old) out.push({ path: 'cells', before: '', after: `+${id}` });
    else {
      const { id: _a, ...oldParams } = old;
      const { id: _b, ...newParams } = cell;
      diffValues(oldParams, newParams, id, out);
    }
  }
  for (const id of beforeCells.keys()) if (!afterCells.has(id)) out.push({ path: 'cells', before: `-${id}`, after: '' });
  return out;
}

/** Stored runs (any order, any format) as entries newest first; rows whose report is not current are left out. */
export function runEntries(rows: readonly StoredRunInput[]): RunEntry[] {
  const parsed = rows.flatMap((row) => {
    const report = runReportSchema.safeParse(row.report);
    if (!report.success) return [];
    const doc = notebookSchema.safeParse(row.doc);
    return [{ id: row.id, createdAt: row.createdAt, notebookHash: row.notebookHash, report: report.data, doc: doc.success ? doc.data : null }];
  });
  parsed.sort((a, b) => b.createdAt - a.createdAt);
  return parsed.map((run, i) => {
    const previous = parsed[i + 1];
    return { ...run, changes: previous?.doc && run.doc ? paramDiff(previous.doc, run.doc) : null };
  });
}

/** Distinct configurations tried: what the next run's deflated Sharpe counts (trials.ts adds the next one if new). */
export function configurationsTried(entries: readonly { notebookHash: string }[]): number {
  return new Set(entries.map((e) => e.notebookHash)).size;
}
