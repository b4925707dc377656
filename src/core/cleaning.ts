/**
 * Cleaning report: find every problem in raw parsed input and say where it is. Nothing is fixed
 * silently; `applyFixes` only does what the user chose and refuses to guess.
 */
import { forwardFillGaps, markOutlierReturns, trailingBarLengths } from './fillAndFlag';
import { isoDate } from './frame';
import { checkPrices, clearImplausible, isPrice, PRICE_COLUMNS } from './plausible';

export { MAX_PLAUSIBLE_PRICE, PRICE_COLUMNS, SPIKE_RATIO } from './plausible';

export interface RawSeries {
  /** UTC ms; NaN where the time cell could not be parsed. */
  time: Float64Array;
  /** NaN where missing or non-numeric. */
  columns: Record<string, Float64Array>;
  /** 1-based source line of each row (CSV). */
  lines?: Int32Array;
  nonNumeric?: Array<{ row: number; column: string; text: string }>;
  /** Why a time cell could not be read (rows whose time is NaN), for the report's message. */
  badTimes?: Array<{ row: number; problem: string }>;
}

export type IssueKind = 'bad-time' | 'unsorted' | 'duplicate' | 'gap' | 'nan' | 'non-numeric' | 'ohlc' | 'price' | 'spike';

export interface CleaningIssue {
  kind: IssueKind;
  /** 0-based row index into the series; messages say `row N` with this index when lines are unknown. */
  row: number;
  line?: number;
  column?: string;
  message: string;
}

export interface CleaningReport {
  rows: number;
  /** Inferred (median positive time step) unless given. */
  intervalMs: number;
  /** Sorted by row. */
  issues: CleaningIssue[];
  counts: Record<IssueKind, number>;
}

export interface CleaningFixes {
  sort?: boolean;
  dropDuplicates?: 'first' | 'last';
  /** Remove rows whose time could not be parsed (a Frame cannot hold a NaN time). */
  dropBadTime?: boolean;
  /** Insert the missing bars of gaps of at most N bars (flat bars at the previous close, volume 0). */
  forwardFillGaps?: number;
  /** Add a 0/1 `outlier` column: |log return of `column` - median| > zScore x robust sigma (MAD). */
  markOutliers?: { column: string; zScore: number };
}

/** What applyFixes did, so it can be said: every row removed or added is counted here. */
export interface AppliedFixes {
  rowsIn: number;
  rowsOut: number;
  badTimeDropped: number;
  /** Rows that were out of time order before sorting (0 when sort was not chosen). */
  sortedRows: number;
  duplicatesDropped: number;
  barsInserted: number;
  gapsFilled: number;
  gapsLeft: number;
  largestGapLeft: number;
  outliersMarked: number;
  /** Cells set to missing: prices that are not prices (zero, negative, absurd) and infinite values. */
  valuesCleared: number;
}

/** The column markOutliers adds. */
export const OUTLIER_COLUMN = 'outlier';

const KINDS: readonly IssueKind[] = ['bad-time', 'unsorted', 'duplicate', 'gap', 'nan', 'non-numeric', 'ohlc', 'price', 'spike'];

export function buildCleaningReport(series: RawSeries, options: { intervalMs?: number } = {}): CleaningReport {
  const { time } = series;
  const rows = time.length;
  checkLengths(series);
  const intervalMs = options.intervalMs ?? medianPositiveStep(time);
  if (!(intervalMs >= 0) || !Number.isFinite(intervalMs)) {
    throw new Error(`buildCleaningReport: intervalMs must be a finite number >= 0, got ${intervalMs}`);
  }
  const where = (row: number): { text: string; line?: number } => {
    const line = series.lines?.[row];
    return line === undefined ? { text: `row ${row}` } : { text: `line ${line}`, line };
  };
  const issues: CleaningIssue[] = [];
  const add = (kind: IssueKind, row: number, message: string, column?: string): void => {
    const { text, line } = where(row);
    const issue: CleaningIssue = { kind, row, message: `${text}: ${message}` };
    if (line !== undefined) issue.line = line;
    if (column !== undefined) issue.column = column;
    issues.push(issue);
  };

  const firstRowOf = new Map<number, number>();
  const timeProblems = new Map((series.badTimes ?? []).map((b) => [b.row, b.problem]));
  let previous = NaN;
  for (let row = 0; row < rows; row++) {
    const t = time[row]!;
    if (!Number.isFinite(t)) {
      const problem = timeProblems.get(row);
      add('bad-time', row, `time could not be parsed${problem ? `: ${problem}` : ''}`);
      continue;
    }
    if (t < previous) add('unsorted', row, `time ${isoDate(t)} is earlier than the previous row's ${isoDate(previous)}`);
    const first = firstRowOf.get(t);
    if (first === undefined) firstRowOf.set(t, row);
    else add('duplicate', row, `time ${isoDate(t)} repeats ${where(first).text}`);
    previous = t;
  }

  // Gaps are measured on the sorted distinct times, so an unsorted row does not fake a gap.
  if (intervalMs > 0) {
    const distinct = [...firstRowOf.keys()].sort((a, b) => a - b);
    for (let i = 1; i < distinct.length; i++) {
      const before = distinct[i - 1]!;
      const after = distinct[i]!;
      const step = after - before;
      if (step <= intervalMs) continue;
      const missing = Math.max(1, Math.round(step / intervalMs) - 1);
      add('gap', firstRowOf.get(after)!, `${missing} missing bar${missing === 1 ? '' : 's'} between ${isoDate(before)} and ${isoDate(after)}`);
    }
  }

  const nonNumericCells = new Set<string>();
  for (const cell of series.nonNumeric ?? []) {
    nonNumericCells.add(`${cell.row}\u0000${cell.column}`);
    add('non-numeric', cell.row, `${cell.column} is ${JSON.stringify(cell.text)}, expected a number`, cell.column);
  }
  for (const [name, values] of Object.entries(series.columns)) {
    for (let row = 0; row < rows; row++) {
      const v = values[row]!;
      if (Number.isNaN(v) && !nonNumericCells.has(`${row}\u0000${name}`)) add('nan', row, `${name} is missing`, name);
      else if (v === Infinity || v === -Infinity) add('non-numeric', row, `${name} is ${v}, expected a finite number; read as missing`, name);
    }
  }

  checkPrices(series.columns, rows, add);
  checkOhlc(series.columns, rows, add);

  issues.sort((a, b) => a.row - b.row);
  const counts = Object.fromEntries(KINDS.map((kind) => [kind, 0])) as Record<IssueKind, number>;
  for (const issue of issues) counts[issue.kind]++;
  return { rows, intervalMs, issues, counts };
}

export type AddIssue = (kind: IssueKind, row: number, message: string, column?: string) => void;

function checkOhlc(columns: Record<string, Float64Array>, rows: number, add: AddIssue): void {
  const volume = Object.hasOwn(columns, 'volume') ? columns.volume : undefined;
  if (volume) {
    for (let row = 0; row < rows; row++) {
      const v = volume[row]!;
      if (v < 0) add('ohlc', row, `volume is negative (${v})`, 'volume');
    }
  }
  const get = (name: string) => (Object.hasOwn(columns, name) ? columns[name] : undefined);
  const [open, high, low, close] = PRICE_COLUMNS.map(get);
  if (!open || !high || !low || !close) return;
  // A cell that is not a price (reported above) takes no part: comparisons with NaN are false.
  const price = (values: Float64Array, row: number): number => (isPrice(values[row]!) ? values[row]! : NaN);
  for (let row = 0; row < rows; row++) {
    const o = price(open, row);
    const h = price(high, row);
    const l = price(low, row);
    const c = price(close, row);
    const top = Math.max(o, c, l);
    const bottom = Math.min(o, c, h);
    if (h < top) add('ohlc', row, `high ${h} is below max(open, close, low) = ${top}`, 'high');
    if (l > bottom) add('ohlc', row, `low ${l} is above min(open, close, high) = ${bottom}`, 'low');
  }
}

function checkLengths(series: RawSeries): void {
  const rows = series.time.length;
  for (const [name, values] of Object.entries(series.columns)) {
    if (values.length !== rows) throw new Error(`column "${name}" has ${values.length} rows, time has ${rows}: every column must match`);
  }
  if (series.lines && series.lines.length !== rows) {
    throw new Error(`lines has ${series.lines.length} entries, time has ${rows}: give one source line per row`);
  }
}

function medianPositiveStep(time: Float64Array): number {
  const steps: number[] = [];
  for (let i = 1; i < time.length; i++) {
    const step = time[i]! - time[i - 1]!;
    if (step > 0) steps.push(step);
  }
  if (steps.length === 0) return 0;
  steps.sort((a, b) => a - b);
  const mid = steps.length >> 1;
  return steps.length % 2 === 1 ? steps[mid]! : (steps[mid - 1]! + steps[mid]!) / 2;
}

/**
 * Apply the fixes the user chose. Throws when a problem that a Frame cannot hold (unsorted,
 * duplicate or unparseable times) remains and its fix was not chosen. Missing values and OHLC
 * violations are left as they are (NaN stays NaN); gaps stay unless forwardFillGaps inserts their
 * bars; markOutliers adds a column and drops nothing. `applied` counts every row removed or added.
 * `lines` is the source line of each kept row, or its 1-based input row when lines are unknown.
 */
export function applyFixes(
  series: RawSeries,
  report: CleaningReport,
  fixes: CleaningFixes,
): { time: Float64Array; columns: Record<string, Float64Array>; lines: Int32Array; applied: AppliedFixes } {
  checkLengths(series);
  const rows = series.time.length;
  if (report.rows !== rows) {
    throw new Error(`applyFixes: the report covers ${report.rows} rows but the series has ${rows}: rebuild the report`);
  }
  const firstOf = (kind: IssueKind): string => {
    const issue = report.issues.find((i) => i.kind === kind);
    return issue?.line !== undefined ? `line ${issue.line}` : `row ${issue?.row ?? '?'}`;
  };
  const refuse = (kind: IssueKind, one: string, many: string, fix: string): void => {
    const count = report.counts[kind];
    if (count > 0) throw new Error(`${count} ${count === 1 ? one : many} (first at ${firstOf(kind)}): ${fix}`);
  };
  if (!fixes.dropBadTime) refuse('bad-time', 'row with an unparseable time', 'rows with an unparseable time', 'choose dropBadTime to remove them');
  if (!fixes.sort) refuse('unsorted', 'unsorted row', 'unsorted rows', 'choose sort to order rows by time');
  if (!fixes.dropDuplicates) refuse('duplicate', 'duplicate timestamp', 'duplicate timestamps', "choose dropDuplicates 'first' or 'last'");

  const outlierColumn = fixes.markOutliers?.column;
  if (outlierColumn !== undefined && !Object.hasOwn(series.columns, outlierColumn)) {
    throw new Error(`markOutliers: no column "${outlierColumn}"; columns: ${Object.keys(series.columns).join(', ')}`);
  }
  if (fixes.markOutliers && Object.hasOwn(series.columns, OUTLIER_COLUMN)) {
    throw new Error(`markOutliers: the data already has a column named "${OUTLIER_COLUMN}"; rename it in the mapping first`);
  }

  const { time } = series;
  let order: number[] = [];
  for (let row = 0; row < rows; row++) if (Number.isFinite(time[row]!)) order.push(row);
  const badTimeDropped = rows - order.length;
  // Array.prototype.sort is stable, so equal times keep their source order for 'first'/'last'.
  if (fixes.sort) order.sort((a, b) => time[a]! - time[b]!);
  if (fixes.dropDuplicates) {
    const keepLast = fixes.dropDuplicates === 'last';
    const kept: number[] = [];
    for (let i = 0; i < order.length; i++) {
      const row = order[i]!;
      const neighbour = keepLast ? order[i + 1] : order[i - 1];
      if (neighbour !== undefined && time[neighbour] === time[row]) continue;
      kept.push(row);
    }
    order = kept;
  }
  const duplicatesDropped = rows - badTimeDropped - order.length;

  const pick = (values: ArrayLike<number>, out: Float64Array | Int32Array): void => {
    for (let i = 0; i < order.length; i++) out[i] = values[order[i]!]!;
  };
  const outTime = new Float64Array(order.length);
  pick(time, outTime);
  const columns: Record<string, Float64Array> = {};
  for (const [name, values] of Object.entries(series.columns)) {
    const out = new Float64Array(order.length);
    pick(values, out);
    columns[name] = out;
  }
  const valuesCleared = clearImplausible(columns);
  const lines = new Int32Array(order.length);
  if (series.lines) pick(series.lines, lines);
  else for (let i = 0; i < order.length; i++) lines[i] = order[i]! + 1;

  // With no limit chosen this only counts the gaps that stay. Each step is judged against the bar
  // length of the steps before it, never the whole series' (that would read the future).
  const filled = forwardFillGaps(outTime, columns, lines, trailingBarLengths(outTime), fixes.forwardFillGaps ?? 0);
  let outliersMarked = 0;
  if (fixes.markOutliers) {
    const { flags, marked } = markOutlierReturns(filled.columns[fixes.markOutliers.column]!, fixes.markOutliers.zScore);
    filled.columns[OUTLIER_COLUMN] = flags;
    outliersMarked = marked;
  }
  const applied: AppliedFixes = {
    rowsIn: rows,
    rowsOut: filled.time.length,
    badTimeDropped,
    sortedRows: fixes.sort ? report.counts.unsorted : 0,
    duplicatesDropped,
    barsInserted: filled.barsInserted,
    gapsFilled: filled.gapsFilled,
    gapsLeft: filled.gapsLeft,
    largestGapLeft: filled.largestGapLeft,
    outliersMarked,
    valuesCleared,
  };
  return { time: filled.time, columns: filled.columns, lines: filled.lines, applied };
}
