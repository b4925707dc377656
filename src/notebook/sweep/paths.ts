import type { z } from 'zod';
import { cellDeclaration, type CELL_DECLARATIONS } from '../cells/declarations';
import type { ParameterDomain, ParameterValue } from '../cells/sweep.decl';
import { getAt, pathText, setAt, type PathKey } from '../form/path';
import type { NotebookDoc } from '../schema';

/** A cell as its declaration parses it (not the notebook's type: the notebook schema itself calls these checks). */
type Cell = z.output<(typeof CELL_DECLARATIONS)[number]['schema']>;
interface Cells {
  cells: readonly Cell[];
}

/**
 * A sweep parameter's path, resolved to one cell and a field inside it. Whether a path exists and
 * which values it takes is asked of the target cell's own declaration (its zod schema): no list
 * of sweepable parameters exists besides the declarations.
 */
export interface ResolvedParameter {
  name: string;
  cellIndex: number;
  /** Inside the cell. */
  keys: PathKey[];
}

/** `features.features[1].period` -> ['features', 'features', 1, 'period']. */
export function parsePathText(text: string): PathKey[] | null {
  const keys: PathKey[] = [];
  for (const part of text.split('.')) {
    const match = /^([A-Za-z_$][\w$-]*)((?:\[\d+\])*)$/.exec(part);
    if (!match) return null;
    keys.push(match[1]!);
    for (const index of match[2]!.matchAll(/\[(\d+)\]/g)) keys.push(Number(index[1]));
  }
  return keys;
}

/** Null when the cell's declaration accepts `value` at `keys`; else its first complaint, and whether the field does not exist at all. */
function cellRefuses(cell: Cell, keys: PathKey[], value: unknown): { unknownField: boolean; message: string } | null {
  let candidate: unknown;
  try {
    candidate = setAt(cell, keys, value);
  } catch (error) {
    return { unknownField: true, message: error instanceof Error ? error.message : String(error) };
  }
  const result = cellDeclaration(cell.kind).schema.safeParse(candidate);
  if (result.success) return null;
  return {
    unknownField: result.error.issues.some((issue) => issue.code === 'unrecognized_keys' || issue.code === 'invalid_union'),
    message: result.error.issues[0]!.message,
  };
}

/** The domain's representative values: the listed ones, or a range's ends (and an inner fractional point when not integer). */
function probeValues(domain: ParameterDomain): { value: ParameterValue; at: PathKey[] }[] {
  if (Array.isArray(domain)) return domain.map((value, i) => ({ value, at: [i] }));
  if (domain.integer) return [{ value: Math.ceil(domain.min), at: ['min'] }, { value: Math.floor(domain.max), at: ['max'] }];
  const inner = domain.scale === 'log' ? Math.sqrt(domain.min * domain.max) * 1.0137 : domain.min + (domain.max - domain.min) * 0.3719;
  return [{ value: domain.min, at: ['min'] }, { value: domain.max, at: ['max'] }, { value: Math.min(domain.max, inner), at: [] }];
}

function isLeaf(value: unknown): boolean {
  return value === undefined || value === null || typeof value !== 'object';
}

/** The cell and field `name` points at, or why it points nowhere (or at several places). */
export function resolveParameter(doc: Cells, name: string, domain: ParameterDomain): ResolvedParameter | string {
  const keys = parsePathText(name);
  if (!keys || keys.length < 2) return `"${name}" is not a path like model.units, training.learningRate or <cell id>.<field>`;
  const [head, ...rest] = keys;
  const candidates: ResolvedParameter[] = [];
  const consider = (cellIndex: number, sub: PathKey[]) => {
    const cell = doc.cells[cellIndex]!;
    if (cell.kind === 'sweep' || sub.length === 0 || candidates.some((c) => c.cellIndex === cellIndex && pathText(c.keys) === pathText(sub))) return;
    const current = getAt(cell, sub);
    if (!isLeaf(current)) return;
    const first = probeValues(domain)[0]!.value;
    const known = current !== undefined || !cellRefuses(cell, sub, first)?.unknownField;
    if (known) candidates.push({ name, cellIndex, keys: sub });
  };
  doc.cells.forEach((cell, index) => {
    if (cell.id === head || cell.kind === head) consider(index, rest);
  });
  doc.cells.forEach((_, index) => consider(index, keys));
  if (candidates.length === 0) {
    return `no cell has a parameter "${name}": write <cell id or kind>.<field> (backtest.feeBps, walkforward.trainSize) or a path inside a cell (model.units, training.learningRate, features[1].period)`;
  }
  if (candidates.length > 1) {
    const where = candidates.map((c) => `${doc.cells[c.cellIndex]!.id}.${pathText(c.keys)}`).join(' or ');
    return `"${name}" is ambiguous: it could be ${where}; write one of them`;
  }
  return candidates[0]!;
}

export interface SweepIssue {
  path: PathKey[];
  message: string;
}

/** Every problem of a sweep cell's parameters: unknown or ambiguous paths, values its target field refuses (with the field's own message). */
export function sweepParameterIssues(doc: Cells, sweepIndex: number): SweepIssue[] {
  const sweep = doc.cells[sweepIndex];
  if (sweep?.kind !== 'sweep') return [];
  const issues: SweepIssue[] = [];
  for (const [name, domain] of Object.entries(sweep.parameters)) {
    const at: PathKey[] = ['cells', sweepIndex, 'parameters', name];
    const resolved = resolveParameter(doc, name, domain);
    if (typeof resolved === 'string') {
      issues.push({ path: at, message: resolved });
      continue;
    }
    const cell = doc.cells[resolved.cellIndex]!;
    for (const probe of probeValues(domain)) {
      const problem = cellRefuses(cell, resolved.keys, probe.value);
      if (!problem) continue;
      const field = `${cell.id}.${pathText(resolved.keys)}`;
      const hint = !Array.isArray(domain) && !domain.integer && probe.at.length === 0 ? ' (a whole-number field: add "integer": true)' : '';
      issues.push({ path: [...at, ...probe.at], message: `${JSON.stringify(probe.value)} is not a valid ${field}: ${problem.message}${hint}` });
      break;
    }
  }
  return issues;
}

/** Sweep problems of every sweep cell, for the notebook schema. */
export function notebookSweepIssues(doc: Cells): SweepIssue[] {
  return doc.cells.flatMap((cell, index) => (cell.kind === 'sweep' ? sweepParameterIssues(doc, index) : []));
}

/** The notebook one trial runs: `values` written at their paths, the sweep cells left out. */
export function applyParameters(doc: NotebookDoc, resolved: readonly ResolvedParameter[], values: Readonly<Record<string, ParameterValue>>): NotebookDoc {
  let cells: unknown = doc.cells;
  for (const parameter of resolved) {
    const value = values[parameter.name];
    if (value === undefined) throw new Error(`trial has no value for parameter "${parameter.name}"`);
    cells = setAt(cells, [parameter.cellIndex, ...parameter.keys], value);
  }
  return { ...doc, cells: (cells as NotebookDoc['cells']).filter((cell) => cell.kind !== 'sweep') };
}

/** `doc` with the chosen values written at their paths, the sweep cell kept: what "Apply best" makes (one edit, one undo). */
export function writeParameters(doc: NotebookDoc, values: Readonly<Record<string, ParameterValue>>): NotebookDoc {
  let cells: unknown = doc.cells;
  for (const [name, value] of Object.entries(values)) {
    const resolved = resolveParameter(doc, name, [value]);
    if (typeof resolved === 'string') throw new Error(`cannot apply ${name}: ${resolved}`);
    cells = setAt(cells, [resolved.cellIndex, ...resolved.keys], value);
  }
  return { ...doc, cells: cells as NotebookDoc['cells'] };
}
