import type { AppliedFixes as AppliedFixesType, CleaningFixes, CsvOpened, CsvParsed, FixesPreview } from '../services/csvImport';
import type { ColumnSummary } from '../sources/describe';

export const CSV_ROLES = ['time', 'open', 'high', 'low', 'close', 'volume'] as const;
export type CsvRole = (typeof CSV_ROLES)[number];
export const REQUIRED_ROLES: readonly CsvRole[] = ['time', 'close'];

/** The fixes as the form holds them; fixesFromChoices turns them into CleaningFixes. */
export interface FixChoices {
  sort: boolean;
  dropDuplicates: 'no' | 'first' | 'last';
  dropBadTime: boolean;
  /** 0 = leave gaps as they are. */
  forwardFillGaps: number;
  markOutliers: boolean;
  /** Robust z-score threshold on log returns of close. */
  outlierZ: number;
}

export type ImportStep = 'idle' | 'reading' | 'review' | 'creating' | 'done';

export interface ImportState {
  step: ImportStep;
  fileName: string | null;
  fileBytes: number;
  /** What the worker is doing now (progress message), or null when idle. */
  busy: string | null;
  /** A specific message; the step and everything chosen so far are kept. */
  error: string | null;
  headers: string[];
  preview: CsvOpened['preview'];
  /** Role -> header ('' = found by common names, if any). */
  roles: Record<CsvRole, string>;
  /** Headers left out of the dataset (text columns by default). */
  exclude: string[];
  parsed: CsvParsed | null;
  /** Wall time of the last full parse, ms. */
  parseMs: number | null;
  describe: { status: 'loading' | 'done' | 'error'; rows: ColumnSummary[]; error: string | null } | null;
  fixes: FixChoices;
  fixPreview: FixesPreview | null;
  created: { notebookId: string; rows: number; hash: string; notes: string[]; totalMs: number } | null;
}

export const NO_FIXES: FixChoices = { sort: false, dropDuplicates: 'no', dropBadTime: false, forwardFillGaps: 0, markOutliers: false, outlierZ: 8 };

export function initialImportState(): ImportState {
  return {
    step: 'idle',
    fileName: null,
    fileBytes: 0,
    busy: null,
    error: null,
    headers: [],
    preview: [],
    roles: { time: '', open: '', high: '', low: '', close: '', volume: '' },
    exclude: [],
    parsed: null,
    parseMs: null,
    describe: null,
    fixes: NO_FIXES,
    fixPreview: null,
    created: null,
  };
}

export function fixesFromChoices(choices: FixChoices): CleaningFixes {
  const fixes: CleaningFixes = {};
  if (choices.sort) fixes.sort = true;
  if (choices.dropDuplicates !== 'no') fixes.dropDuplicates = choices.dropDuplicates;
  if (choices.dropBadTime) fixes.dropBadTime = true;
  if (choices.forwardFillGaps > 0) fixes.forwardFillGaps = Math.floor(choices.forwardFillGaps);
  if (choices.markOutliers) fixes.markOutliers = { column: 'close', zScore: choices.outlierZ };
  return fixes;
}

/** The mapping sent to the parser: only the roles the user (or the suggestion) set. */
export function mappingFromRoles(roles: Record<CsvRole, string>): Record<string, string> {
  return Object.fromEntries(CSV_ROLES.flatMap((role) => (roles[role] ? [[role, roles[role]]] : [])));
}

export function rolesFromMapping(mapping: Record<string, string> | null): Record<CsvRole, string> {
  const roles = initialImportState().roles;
  for (const role of CSV_ROLES) roles[role] = mapping?.[role] ?? '';
  return roles;
}

/** Headers that are not a role: kept as extra columns under their own name unless left out. */
export function extraColumns(state: Pick<ImportState, 'headers' | 'roles' | 'parsed'>): string[] {
  const roleHeaders = new Set(CSV_ROLES.map((r) => state.parsed?.mapping[r] || state.roles[r]).filter(Boolean));
  return state.headers.filter((h) => h !== '' && !roleHeaders.has(h));
}

/** Create is possible once parsed and the chosen fixes leave no unfixable problem. */
export function canCreate(state: ImportState): boolean {
  return state.step === 'review' && state.busy === null && state.parsed !== null && state.fixPreview?.error === null;
}

export type { CleaningFixes, CleaningIssue, CsvOpened, CsvParsed, FixesPreview, IssueKind, AppliedFixes } from '../services/csvImport';
export type { ColumnSummary } from '../sources/describe';

/** What the chosen fixes do, in words: "3 duplicate rows dropped (kept last); 2 bars forward-filled in 1 gap". */
export function describeApplied(applied: AppliedFixesType, choices: FixChoices): string[] {
  const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;
  const lines: string[] = [];
  if (choices.dropBadTime) lines.push(`${plural(applied.badTimeDropped, 'row')} with an unparseable time dropped`);
  if (choices.sort) lines.push(`${plural(applied.sortedRows, 'unsorted row')} put in time order`);
  if (choices.dropDuplicates !== 'no') lines.push(`${plural(applied.duplicatesDropped, 'duplicate row')} dropped (kept ${choices.dropDuplicates})`);
  if (choices.forwardFillGaps > 0) lines.push(`${plural(applied.barsInserted, 'bar')} forward-filled in ${plural(applied.gapsFilled, 'gap')}`);
  if (applied.gapsLeft > 0) lines.push(`${plural(applied.gapsLeft, 'gap')} left unfilled (largest: ${plural(applied.largestGapLeft, 'missing bar')})`);
  if (applied.valuesCleared > 0) lines.push(`${plural(applied.valuesCleared, 'cell')} that is not a price or not finite set to missing`);
  if (choices.markOutliers) lines.push(`${plural(applied.outliersMarked, 'bar')} marked in the outlier column (rows kept)`);
  lines.push(`${applied.rowsIn} rows in, ${applied.rowsOut} rows out`);
  return lines;
}

export function formatInterval(ms: number): string {
  if (!(ms > 0)) return 'unknown';
  const units: Array<[number, string]> = [[604_800_000, 'week'], [86_400_000, 'day'], [3_600_000, 'hour'], [60_000, 'minute'], [1000, 'second']];
  for (const [size, name] of units) if (ms >= size && ms % size === 0) return `${ms / size} ${name}${ms / size === 1 ? '' : 's'}`;
  return `${ms} ms`;
}
