/**
 * CSV -> raw series + cleaning report, streaming: records come from csvStream.ts one at a time
 * and go straight into growing Float64Arrays, so no copy of the file's text or of its cells is
 * kept. Numbers are strict decimals and times are read by cells.ts; what was assumed (an epoch
 * unit, a renamed header, mixed time zones) comes back as notes for the report.
 */
import type { Frame } from '../core/frame';
import { applyFixes, buildCleaningReport, type CleaningFixes, type CleaningReport, type RawSeries } from '../core/cleaning';
import { checkCleaningLookAhead, type CleaningCheck } from '../core/leakage';
import { parseDecimal, readTimeCell } from './cells';
import { readHeaders, resolveMapping } from './csvHeaders';
import { CsvLimitError, CsvStreamParser, fmt, parseCsvBytes, parseCsvChunks, parseCsvText, type CsvLimits } from './csvStream';
import { TimeTally } from './timeTally';

export type { CsvRole } from './csvHeaders';

export interface CsvOptions {
  name: string;
  /** Role or output column name -> header in the file. Unmapped roles are found by common names. */
  mapping?: Record<string, string> | undefined;
  fixes?: CleaningFixes | undefined;
  limits?: Partial<CsvLimits> | undefined;
}

export interface CsvSeries {
  raw: RawSeries;
  report: CleaningReport;
  /** Output column -> header it came from. */
  mapping: Record<string, string>;
  /** What was assumed or renamed while reading (epoch unit, headers, time zones), for the report. */
  notes: string[];
}

export interface CsvLoadResult {
  frame: Frame;
  report: CleaningReport;
  mapping: Record<string, string>;
  notes: string[];
  /** The cleaning step's look-ahead check (it throws on a finding). */
  cleaningLookAhead: CleaningCheck;
}

export function looksBinary(text: string): boolean {
  const sample = text.slice(0, 8192);
  let suspicious = 0;
  for (let i = 0; i < sample.length; i++) {
    const code = sample.charCodeAt(i);
    if (code === 0) return true;
    if (code === 0xfffd || (code < 32 && code !== 9 && code !== 10 && code !== 13)) suspicious++;
  }
  return sample.length > 0 && suspicious / sample.length > 0.05;
}

/** UTC ms from one time cell (cells.ts readTimeCell), NaN when it is not a time. */
export function parseTimeCell(text: string): number {
  return readTimeCell(text).ms;
}

class Column {
  values = new Float64Array(1024);
  push(row: number, value: number): void {
    if (row === this.values.length) {
      const grown = new Float64Array(row * 2);
      grown.set(this.values);
      this.values = grown;
    }
    this.values[row] = value;
  }
}

/** Receives records (header first) and builds the raw series. */
class SeriesBuilder {
  private headers: string[] = [];
  private headerNotes: string[] = [];
  private mapping = new Map<string, string>();
  private outputs: Array<{ name: string; index: number; column: Column }> = [];
  private timeIndex = 0;
  private readonly time = new Column();
  private readonly lines = new Column();
  private readonly nonNumeric: NonNullable<RawSeries['nonNumeric']> = [];
  private readonly badTimes: NonNullable<RawSeries['badTimes']> = [];
  private readonly tally = new TimeTally();
  private rows = 0;
  private records = 0;
  private maxRows = Infinity;

  constructor(
    private readonly options: CsvOptions,
    private readonly parser: () => CsvStreamParser,
  ) {}

  record(fields: string[], line: number): void {
    this.records++;
    if (this.records === 1) this.header(fields, line);
    else this.row(fields, line);
  }

  private header(fields: string[], line: number): void {
    const { names, notes } = readHeaders(fields, line);
    this.headers = names;
    this.headerNotes = notes;
    this.parser().setHeaders(names);
    this.mapping = resolveMapping(names, this.options.mapping);
    const indexOf = new Map(names.map((h, i) => [h, i]));
    this.timeIndex = indexOf.get(this.mapping.get('time')!)!;
    for (const [output, header] of this.mapping) {
      if (output !== 'time') this.outputs.push({ name: output, index: indexOf.get(header)!, column: new Column() });
    }
    this.maxRows = Math.floor(this.parser().limits.maxCells / (this.outputs.length + 2));
  }

  private row(fields: string[], line: number): void {
    if (fields.length !== this.headers.length) throw new Error(`CSV line ${line}: ${fields.length} fields, the header has ${this.headers.length}`);
    const r = this.rows;
    if (r >= this.maxRows) {
      const max = this.parser().limits.maxCells;
      throw new CsvLimitError('cells', max, line, 1, `${this.options.name}: line ${line}: more than ${fmt(this.maxRows)} rows of ${this.outputs.length + 1} columns (the limit of ${fmt(max)} values in memory): leave out columns, resample or split the file`);
    }
    const timeText = fields[this.timeIndex]!;
    const time = readTimeCell(timeText);
    this.tally.add(timeText, time.form, line);
    if (time.problem !== null) this.badTimes.push({ row: r, problem: time.problem });
    this.time.push(r, time.ms);
    this.lines.push(r, line);
    for (const { name, index, column } of this.outputs) {
      const cell = fields[index]!.trim();
      const value = cell === '' ? NaN : parseDecimal(cell);
      if (cell !== '' && !Number.isFinite(value)) {
        this.nonNumeric.push({ row: r, column: name, text: cell.length > 40 ? `${cell.slice(0, 40)}...` : cell });
      }
      column.push(r, Number.isFinite(value) ? value : NaN);
    }
    this.rows++;
  }

  finish(): CsvSeries {
    const { name } = this.options;
    if (this.records === 0) throw new Error(`${name}: the file is empty`);
    if (this.rows === 0) throw new Error(`${name}: a header row and at least one data row are needed`);
    const n = this.rows;
    const raw: RawSeries = {
      time: this.time.values.slice(0, n),
      columns: Object.fromEntries(this.outputs.map((o) => [o.name, o.column.values.slice(0, n)])),
      lines: Int32Array.from(this.lines.values.subarray(0, n)),
      nonNumeric: this.nonNumeric,
      badTimes: this.badTimes,
    };
    const timeHeader = this.mapping.get('time')!;
    return {
      raw,
      report: buildCleaningReport(raw),
      mapping: Object.fromEntries(this.mapping),
      notes: [...this.headerNotes, ...this.tally.notes(timeHeader)],
    };
  }
}

function start(options: CsvOptions): { parser: CsvStreamParser; builder: SeriesBuilder } {
  let parser: CsvStreamParser | null = null;
  const builder = new SeriesBuilder(options, () => parser!);
  parser = new CsvStreamParser(options.name, (fields, line) => builder.record(fields, line), options.limits);
  return { parser, builder };
}

function checkText(name: string, text: string): void {
  if (text.trim() === '') throw new Error(`${name}: the file is empty`);
  if (looksBinary(text)) throw new Error(`${name}: this is not a text CSV file (it contains binary data)`);
}

/** Parses CSV text into a raw series plus the cleaning report; nothing is dropped here. */
export function parseCsvSeries(text: string, options: CsvOptions): CsvSeries {
  checkText(options.name, text);
  const { parser, builder } = start(options);
  parseCsvText(text, parser);
  return builder.finish();
}

/** The same from the file's bytes, decoded slice by slice; `onSlice` gets the bytes read so far. */
export function parseCsvBuffer(bytes: Uint8Array, options: CsvOptions, onSlice?: (done: number) => void): CsvSeries {
  const { parser, builder } = start(options);
  parseCsvBytes(bytes, parser, onSlice);
  return builder.finish();
}

/** The same from a stream of text or bytes (the CLI's file stream); its first chunk is checked for binary data. */
export async function parseCsvStream(chunks: AsyncIterable<string | Uint8Array>, options: CsvOptions): Promise<CsvSeries> {
  const { parser, builder } = start(options);
  let first = true;
  async function* checked(): AsyncIterable<string | Uint8Array> {
    for await (const chunk of chunks) {
      if (first) {
        first = false;
        const head = typeof chunk === 'string' ? chunk.slice(0, 8192) : new TextDecoder().decode(chunk.subarray(0, 8192));
        if (looksBinary(head)) throw new Error(`${options.name}: this is not a text CSV file (it contains binary data)`);
      }
      yield chunk;
    }
  }
  await parseCsvChunks(checked(), parser);
  return builder.finish();
}

function toLoadResult(parsed: CsvSeries, options: CsvOptions): CsvLoadResult {
  const { raw, report, mapping, notes } = parsed;
  const fixed = applyFixes(raw, report, options.fixes ?? {});
  const cleaningLookAhead = checkCleaningLookAhead(raw, options.fixes ?? {}, 'checked in this run');
  return {
    frame: {
      time: fixed.time,
      columns: fixed.columns,
      meta: { name: options.name, intervalMs: report.intervalMs, synthetic: false, source: 'csv' },
    },
    report,
    mapping,
    notes,
    cleaningLookAhead,
  };
}

/** Parses and applies the fixes the user chose; throws a specific error when a problem remains unfixed. */
export function loadCsv(text: string, options: CsvOptions): CsvLoadResult {
  return toLoadResult(parseCsvSeries(text, options), options);
}

export async function loadCsvStream(chunks: AsyncIterable<string | Uint8Array>, options: CsvOptions): Promise<CsvLoadResult> {
  return toLoadResult(await parseCsvStream(chunks, options), options);
}
