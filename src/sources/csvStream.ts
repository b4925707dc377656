/**
 * Streaming CSV records: text arrives in chunks, papaparse's parser splits them into records, and
 * a guard measures every field and row BEFORE papaparse sees the text, so no field, row or file
 * can grow past its limit: a 200 MB field ends in a CsvLimitError at its line and column after
 * reading the limit, not after 4 GB. Only the unfinished last row is carried between chunks, and
 * the guard keeps it under the row limit. Each record keeps the 1-based line it starts on.
 */
import Papa from 'papaparse';

export interface CsvLimits {
  /** Characters in one field. Prices and dates are short; a longer field is not market data. */
  maxFieldChars: number;
  /** Characters in one row. */
  maxRowChars: number;
  /** Fields in one row. */
  maxColumns: number;
  /** Bytes in one file (characters where only text is given). */
  maxFileBytes: number;
  /** Numbers held in memory (data rows x columns read), 8 bytes each. */
  maxCells: number;
}

export const DEFAULT_CSV_LIMITS: Readonly<CsvLimits> = {
  maxFieldChars: 65_536,
  maxRowChars: 1_048_576,
  maxColumns: 1_000,
  maxFileBytes: 512 * 1024 * 1024,
  maxCells: 64_000_000,
};

export type CsvLimitKind = 'field' | 'row' | 'columns' | 'file' | 'cells';

export const fmt = (n: number) => n.toLocaleString('en-US');

/** A limit was reached: where (line, 1-based column) and which limit, in the message too. */
export class CsvLimitError extends Error {
  override readonly name = 'CsvLimitError';
  constructor(
    readonly kind: CsvLimitKind,
    readonly limit: number,
    readonly line: number,
    readonly column: number,
    message: string,
  ) {
    super(message);
  }
}

export function detectDelimiter(headerLine: string): ',' | ';' | '\t' {
  const counts = { ',': 0, ';': 0, '\t': 0 };
  let quoted = false;
  for (const ch of headerLine) {
    if (ch === '"') quoted = !quoted;
    else if (!quoted && (ch === ',' || ch === ';' || ch === '\t')) counts[ch]++;
  }
  if (counts[';'] > counts[','] && counts[';'] >= counts['\t']) return ';';
  if (counts['\t'] > counts[',']) return '\t';
  return ',';
}

const QUOTE = 34;
const LF = 10;

/** Field and row lengths as the text streams by (RFC 4180 quoting, as papaparse reads it). */
class LengthGuard {
  line = 1;
  private column = 1;
  private fieldLine = 1;
  private fieldChars = 0;
  private rowChars = 0;
  private quoted = false;
  private quoteSeen = false;
  private atFieldStart = true;
  headers: readonly string[] = [];

  constructor(
    private readonly name: string,
    private readonly delimiter: number,
    private readonly limits: CsvLimits,
  ) {}

  scan(text: string): void {
    const { maxFieldChars, maxRowChars, maxColumns } = this.limits;
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (this.quoteSeen) {
        this.quoteSeen = false;
        if (c === QUOTE) {
          this.fieldChars++;
          this.rowChars++;
          continue;
        }
        this.quoted = false;
      }
      if (this.quoted) {
        if (c === QUOTE) this.quoteSeen = true;
        else if (c === LF) this.line++;
        this.fieldChars++;
        this.rowChars++;
      } else if (c === QUOTE && this.atFieldStart) {
        this.quoted = true;
        this.atFieldStart = false;
        this.rowChars++;
      } else if (c === this.delimiter) {
        this.column++;
        this.rowChars++;
        this.fieldChars = 0;
        this.fieldLine = this.line;
        this.atFieldStart = true;
        if (this.column > maxColumns) this.fail('columns', maxColumns, `a row has more than ${fmt(maxColumns)} fields (the column limit)`);
      } else if (c === LF) {
        this.line++;
        this.column = 1;
        this.fieldChars = 0;
        this.rowChars = 0;
        this.fieldLine = this.line;
        this.atFieldStart = true;
      } else {
        this.fieldChars++;
        this.rowChars++;
        this.atFieldStart = false;
      }
      if (this.fieldChars > maxFieldChars) this.fail('field', maxFieldChars, `a field is longer than ${fmt(maxFieldChars)} characters (the field-length limit)`);
      if (this.rowChars > maxRowChars) this.fail('row', maxRowChars, `a row is longer than ${fmt(maxRowChars)} characters (the row-length limit)`);
    }
  }

  private fail(kind: CsvLimitKind, limit: number, what: string): never {
    const header = this.headers[this.column - 1];
    const where = `line ${this.fieldLine}, column ${this.column}${header !== undefined ? ` ("${header}")` : ''}`;
    const hint = this.quoted ? `; the field is quoted from line ${this.fieldLine}: is its closing quote missing?` : '';
    throw new CsvLimitError(kind, limit, this.fieldLine, this.column, `${this.name}: ${where}: ${what}${hint}; market data has short cells: check that this is the right file`);
  }
}

export interface CsvRecordSink {
  /** One record (a blank line is skipped); return false to stop reading. */
  (fields: string[], line: number): boolean | void;
}

type PapaStep = { data: string[][]; errors: Papa.ParseError[]; meta: { cursor: number } };

/** Push text chunks, then end(); records go to the sink in order with their first line. */
export class CsvStreamParser {
  readonly limits: CsvLimits;
  private guard: LengthGuard | null = null;
  private parser: Papa.Parser | null = null;
  private carry = '';
  private chars = 0;
  private line = 1;
  private input = '';
  private rowStart = 0;
  private started = false;
  private crOnly = false;
  private headed = false;
  private stopped = false;
  delimiter = ',';

  constructor(
    private readonly name: string,
    private readonly sink: CsvRecordSink,
    limits: Partial<CsvLimits> = {},
  ) {
    this.limits = { ...DEFAULT_CSV_LIMITS, ...limits };
  }

  get done(): boolean {
    return this.stopped;
  }

  /** Header names for limit messages (column 3 ("close")); the first record's fields until set. */
  setHeaders(headers: readonly string[]): void {
    if (this.guard) this.guard.headers = headers;
  }

  push(chunk: string): void {
    if (this.stopped || chunk === '') return;
    let text = chunk;
    if (!this.started) {
      if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
      this.started = true;
    }
    this.chars += text.length;
    if (this.chars > this.limits.maxFileBytes) {
      const max = this.limits.maxFileBytes;
      throw new CsvLimitError('file', max, this.guard?.line ?? 1, 1, `${this.name}: the file is larger than ${fmt(max)} characters (the file-size limit): split it or resample it to longer bars`);
    }
    if (this.crOnly) text = text.replace(/\r/g, '\n');
    if (!this.guard) {
      // The delimiter comes from the first line; until it is whole, only the row limit applies.
      let pending = this.carry + text;
      let lineEnd = pending.indexOf('\n');
      const cr = pending.indexOf('\r');
      if (lineEnd < 0 && cr >= 0 && cr < pending.length - 1) {
        // Old Mac line ends (CR alone): read every CR as a line end.
        this.crOnly = true;
        pending = pending.replace(/\r/g, '\n');
        lineEnd = pending.indexOf('\n');
      }
      if (lineEnd < 0) {
        if (pending.length > this.limits.maxRowChars) {
          new LengthGuard(this.name, detectDelimiter(pending).charCodeAt(0), this.limits).scan(pending);
        }
        this.carry = pending;
        return;
      }
      const firstLine = pending.slice(0, lineEnd);
      this.delimiter = detectDelimiter(firstLine);
      this.guard = new LengthGuard(this.name, this.delimiter.charCodeAt(0), this.limits);
      // Until papaparse has read the header, name the columns from the first line as it is.
      this.guard.headers = firstLine.split(this.delimiter).map((h) => h.trim().replace(/^"|"$/g, ''));
      this.carry = '';
      text = pending;
    }
    this.guard.scan(text);
    this.run(text, true);
  }

  end(): void {
    if (this.stopped) return;
    if (!this.guard) {
      this.delimiter = detectDelimiter(this.carry);
      this.guard = new LengthGuard(this.name, this.delimiter.charCodeAt(0), this.limits);
      const text = this.carry;
      this.carry = '';
      this.guard.scan(text);
      this.run(text, false);
    } else this.run('', false);
    this.stopped = true;
  }

  private run(chunk: string, more: boolean): void {
    this.parser ??= new Papa.Parser({ delimiter: this.delimiter, newline: '\n', step: (result: PapaStep) => this.step(result) });
    this.input = this.carry + chunk;
    this.rowStart = 0;
    const result = this.parser.parse(this.input, 0, more) as PapaStep;
    if (!more && !this.stopped) this.checkErrors(result.errors, this.line);
    this.carry = this.stopped ? '' : this.input.slice(this.rowStart);
    this.input = '';
  }

  private step(result: PapaStep): void {
    if (this.stopped) return;
    const line = this.line;
    const end = result.meta.cursor;
    for (let i = this.input.indexOf('\n', this.rowStart); i >= 0 && i < end; i = this.input.indexOf('\n', i + 1)) this.line++;
    this.rowStart = end;
    this.checkErrors(result.errors, line);
    const fields = result.data[0];
    if (!fields) return;
    const last = fields.length - 1;
    // newline is '\n', so a CRLF file leaves '\r' on the last field (a quoted one papaparse trims).
    if (last >= 0 && fields[last]!.endsWith('\r')) fields[last] = fields[last]!.slice(0, -1);
    if (fields.length === 1 && fields[0] === '') return;
    if (!this.headed && this.guard) this.guard.headers = fields.map((f) => f.trim());
    this.headed = true;
    if (this.sink(fields, line) === false) {
      this.stopped = true;
      this.parser?.abort();
    }
  }

  private checkErrors(errors: Papa.ParseError[], line: number): void {
    const error = errors[0];
    if (!error) return;
    if (error.code === 'MissingQuotes') throw new Error(`CSV line ${line}: a quoted field is never closed; close it or remove the stray quote`);
    throw new Error(`CSV line ${line}: ${error.message}: a quoted field must end with a quote right before the delimiter or the line end; double the quotes inside it ("")`);
  }
}

/** Feeds a whole text through the parser in slices (the parser's memory stays bounded by its limits). */
export function parseCsvText(text: string, parser: CsvStreamParser, slice = 1 << 20): void {
  for (let at = 0; at < text.length && !parser.done; at += slice) parser.push(text.slice(at, at + slice));
  parser.end();
}

/** Feeds bytes through a streaming UTF-8 decoder, slice by slice (a file never becomes one string). */
export function parseCsvBytes(bytes: Uint8Array, parser: CsvStreamParser, onSlice?: (done: number) => void, slice = 1 << 20): void {
  const decoder = new TextDecoder('utf-8');
  for (let at = 0; at < bytes.length && !parser.done; at += slice) {
    parser.push(decoder.decode(bytes.subarray(at, at + slice), { stream: true }));
    onSlice?.(Math.min(bytes.length, at + slice));
  }
  parser.push(decoder.decode());
  parser.end();
}

/** The same from an async source of text or bytes (a Node file stream in the CLI). */
export async function parseCsvChunks(chunks: AsyncIterable<string | Uint8Array>, parser: CsvStreamParser): Promise<void> {
  const decoder = new TextDecoder('utf-8');
  for await (const chunk of chunks) {
    parser.push(typeof chunk === 'string' ? chunk : decoder.decode(chunk, { stream: true }));
    if (parser.done) return;
  }
  parser.push(decoder.decode());
  parser.end();
}
