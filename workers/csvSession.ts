/**
 * One CSV import held in the worker: the decoded text and the parsed raw series stay here, so the
 * page thread never touches the O(rows) work. workers/csv.worker.ts exposes it through comlink;
 * the page's client is src/services/csvImport.ts. Parsing and fixing are src/sources/csv.ts and
 * src/core/cleaning.ts; this file only decodes, keeps state between steps and summarises.
 */
import { applyFixes, buildCleaningReport, type AppliedFixes, type CleaningFixes, type CleaningIssue, type CleaningReport, type IssueKind, type RawSeries } from '../src/core/cleaning';
import type { Frame, FrameMeta } from '../src/core/frame';
import { checkCleaningLookAhead } from '../src/core/leakage';
import { hashFrame } from '../src/core/hash';
import { parseDecimal } from '../src/sources/cells';
import { looksBinary, parseCsvBuffer } from '../src/sources/csv';
import { readHeaders, resolveMapping } from '../src/sources/csvHeaders';
import { CsvStreamParser, DEFAULT_CSV_LIMITS, fmt, parseCsvBytes } from '../src/sources/csvStream';
import type { ColumnSummary } from '../src/sources/describe';

export const PREVIEW_ROWS = 20;
export const REPORT_ISSUES = 50;

export interface CsvOpened {
  name: string;
  bytes: number;
  headers: string[];
  delimiter: string;
  /** The first rows as text, with their 1-based line in the file. */
  preview: Array<{ line: number; cells: string[] }>;
  /** Role or output column -> header, as found by common names; null when a required role is missing. */
  suggested: Record<string, string> | null;
  /** Why no mapping could be suggested (e.g. no close column), or null. */
  mappingError: string | null;
  /** Extra columns whose preview cells are all text: proposed to be left out. */
  textColumns: string[];
}

export interface CsvParsed {
  rows: number;
  intervalMs: number;
  counts: Record<IssueKind, number>;
  totalIssues: number;
  /** The first REPORT_ISSUES issues, in row order. */
  issues: CleaningIssue[];
  /** Output column -> header actually used. */
  mapping: Record<string, string>;
  /** Problems beside the row issues: mixed time zones, a column with no numbers. */
  warnings: string[];
}

export type FixesPreview = { applied: AppliedFixes; error: null } | { applied: null; error: string };

export interface CsvFinished {
  frame: Frame;
  hash: string;
  applied: AppliedFixes;
}

export type Progress = (message: string) => void;

const message = (error: unknown): string => (error instanceof Error ? error.message : String(error));

/** A NUL byte is never in a text CSV; checked on bytes before decoding anything. */
function hasNulByte(bytes: Uint8Array): boolean {
  const end = Math.min(bytes.length, 8192);
  for (let i = 0; i < end; i++) if (bytes[i] === 0) return true;
  return false;
}

const isNumberCell = (cell: string): boolean => cell.trim() === '' || Number.isFinite(parseDecimal(cell));

export class CsvSession {
  private bytes: Uint8Array | null = null;
  private name = '';
  private parsed: { raw: RawSeries; report: CleaningReport } | null = null;

  open(buffer: ArrayBuffer, name: string, progress: Progress): CsvOpened {
    this.name = name;
    this.parsed = null;
    this.bytes = null;
    const bytes = new Uint8Array(buffer);
    if (bytes.length === 0) throw new Error(`${name}: the file is empty (0 bytes); choose the CSV export itself`);
    const max = DEFAULT_CSV_LIMITS.maxFileBytes;
    if (bytes.length > max) throw new Error(`${name}: the file has ${fmt(bytes.length)} bytes, more than the limit of ${fmt(max)}: split it or resample it to longer bars`);
    if (hasNulByte(bytes)) throw new Error(`${name}: this is not a text CSV file (it contains binary data); was another file renamed to .csv?`);
    if (looksBinary(new TextDecoder('utf-8').decode(bytes.subarray(0, 8192)))) {
      throw new Error(`${name}: this is not a text CSV file (it contains binary data); was another file renamed to .csv?`);
    }
    progress(`reading the first rows of ${(bytes.length / 1e6).toFixed(1)} MB`);
    const records: Array<{ line: number; fields: string[] }> = [];
    const parser = new CsvStreamParser(name, (fields, line) => records.push({ line, fields }) < PREVIEW_ROWS + 1);
    parseCsvBytes(bytes, parser);
    if (records.length === 0) throw new Error(`${name}: the file has no text (only blank lines)`);
    if (records.length < 2) throw new Error(`${name}: a header row and at least one data row are needed`);
    this.bytes = bytes;
    const headers = readHeaders(records[0]!.fields, records[0]!.line).names;
    const preview = records.slice(1).map((r) => ({ line: r.line, cells: r.fields }));
    let suggested: Record<string, string> | null = null;
    let mappingError: string | null = null;
    try {
      suggested = Object.fromEntries(resolveMapping(headers, undefined));
    } catch (error) {
      mappingError = message(error);
    }
    const roles = new Set(['time', 'open', 'high', 'low', 'close', 'volume']);
    const textColumns = headers.filter((h, i) => {
      const output = suggested ? Object.entries(suggested).find(([, header]) => header === h)?.[0] : h;
      if (output !== undefined && roles.has(output)) return false;
      const cells = preview.map((p) => p.cells[i] ?? '');
      return cells.some((c) => c.trim() !== '') && !cells.every(isNumberCell);
    });
    return { name, bytes: bytes.length, headers, delimiter: parser.delimiter, preview, suggested, mappingError, textColumns };
  }

  /** Parses the whole file with this mapping, leaving out the `exclude` headers. */
  parse(mapping: Record<string, string>, exclude: string[], progress: Progress): CsvParsed {
    const bytes = this.bytes;
    if (!bytes) throw new Error('no file is open: choose a CSV file first');
    this.parsed = null;
    progress('parsing every row');
    let reported = 0;
    const result = parseCsvBuffer(bytes, { name: this.name, mapping }, (done) => {
      const percent = Math.floor((100 * done) / bytes.length);
      if (percent >= reported + 10) {
        reported = percent;
        progress(`parsing every row: ${percent}%`);
      }
    });
    let { raw, report } = result;
    const used = { ...result.mapping };
    const dropped = new Set(Object.entries(used).filter(([output, header]) => exclude.includes(header) && output !== 'time' && output !== 'close').map(([o]) => o));
    if (dropped.size > 0) {
      progress('rebuilding the report without the left-out columns');
      const columns = Object.fromEntries(Object.entries(raw.columns).filter(([c]) => !dropped.has(c)));
      raw = { ...raw, columns, nonNumeric: (raw.nonNumeric ?? []).filter((cell) => !dropped.has(cell.column)) };
      report = buildCleaningReport(raw);
      for (const output of dropped) delete used[output];
    }
    progress('checking the columns');
    const warnings = [...result.notes, ...this.warnings(raw, used)];
    this.parsed = { raw, report };
    return {
      rows: report.rows,
      intervalMs: report.intervalMs,
      counts: report.counts,
      totalIssues: report.issues.length,
      issues: report.issues.slice(0, REPORT_ISSUES),
      mapping: used,
      warnings,
    };
  }

  /** Columns with no numbers at all: probably the wrong column for that role. */
  private warnings(raw: RawSeries, mapping: Record<string, string>): string[] {
    const warnings: string[] = [];
    for (const [output, values] of Object.entries(raw.columns)) {
      if (values.length > 0 && !values.some(Number.isFinite)) {
        const first = raw.nonNumeric?.find((c) => c.column === output);
        const sample = first ? `, e.g. ${JSON.stringify(first.text)} at line ${raw.lines?.[first.row] ?? first.row + 1}` : '';
        warnings.push(`${output} (column "${mapping[output]}") has no numbers${sample}: map ${output} to another column or leave it out`);
      }
    }
    return warnings;
  }

  private current(): { raw: RawSeries; report: CleaningReport } {
    if (!this.parsed) throw new Error('the file is not parsed yet: apply a column mapping first');
    return this.parsed;
  }

  previewFixes(fixes: CleaningFixes): FixesPreview {
    const { raw, report } = this.current();
    try {
      return { applied: applyFixes(raw, report, fixes).applied, error: null };
    } catch (error) {
      return { applied: null, error: message(error) };
    }
  }

  /** The raw columns (before fixes) described by danfojs, loaded here on first use. */
  async describe(): Promise<ColumnSummary[]> {
    const { raw } = this.current();
    const { describeFrame } = await import('../src/sources/describe');
    return describeFrame({ time: raw.time, columns: raw.columns, meta: this.meta(0) });
  }

  finish(fixes: CleaningFixes, progress: Progress): CsvFinished {
    const { raw, report } = this.current();
    progress('applying the fixes');
    const fixed = applyFixes(raw, report, fixes);
    progress('checking the fixes for look-ahead');
    checkCleaningLookAhead(raw, fixes, 'checked when the CSV was imported');
    if (fixed.time.length === 0) throw new Error(`${this.name}: no rows are left after the fixes`);
    const frame: Frame = { time: fixed.time, columns: fixed.columns, meta: this.meta(report.intervalMs) };
    progress(`hashing ${fixed.time.length} rows`);
    return { frame, hash: hashFrame(frame), applied: fixed.applied };
  }

  private meta(intervalMs: number): FrameMeta {
    return { name: this.name, intervalMs, synthetic: false, source: 'csv' };
  }

  close(): void {
    this.bytes = null;
    this.parsed = null;
  }
}
