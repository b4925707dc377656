/**
 * Hostile CSV inputs (test/corpus/csv/*.csv, and a 200 MB field generated here): each case
 * asserts its specific outcome, through the text path (the page's worker) and the streaming path
 * (the CLI reads files as streams), which must agree.
 */
import { createReadStream, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { CleaningReport, IssueKind } from '../../src/core/cleaning';
import { loadCsv, parseCsvSeries, parseCsvStream, type CsvSeries } from '../../src/sources/csv';
import { CsvLimitError } from '../../src/sources/csvStream';
import { loadDataCell } from '../../src/sources/loadSource';

const DIR = join(__dirname, 'csv');
const read = (file: string) => readFileSync(join(DIR, file), 'utf8');
const parse = (file: string): CsvSeries => parseCsvSeries(read(file), { name: file });
const issues = (report: CleaningReport, kind: IssueKind) => report.issues.filter((i) => i.kind === kind).map((i) => ({ line: i.line, column: i.column, message: i.message }));
const day = (y: number, m: number, d: number) => Date.UTC(y, m - 1, d);

describe('CSV corpus: numbers are decimals', () => {
  it('0x10 is not 16: flagged as text at its line; 1e3 is 1000', () => {
    const { raw, report } = parse('hex-number.csv');
    expect(issues(report, 'non-numeric')).toEqual([{ line: 2, column: 'close', message: 'line 2: close is "0x10", expected a number' }]);
    expect(Array.from(raw.columns.close!)).toEqual([NaN, 17, 1000]);
  });

  it('Infinity and 1e400 are flagged, an empty cell is missing, and none reaches the frame', () => {
    const { report } = parse('infinity.csv');
    expect(issues(report, 'non-numeric').map((i) => [i.line, i.column, i.message])).toEqual([
      [2, 'volume', 'line 2: volume is "Infinity", expected a number'],
      [3, 'close', 'line 3: close is "Infinity", expected a number'],
      [5, 'close', 'line 5: close is "1e400", expected a number'],
    ]);
    expect(issues(report, 'nan')).toEqual([{ line: 4, column: 'close', message: 'line 4: close is missing' }]);
    const { frame } = loadCsv(read('infinity.csv'), { name: 'infinity.csv' });
    for (const values of Object.values(frame.columns)) expect(values.every((v) => Number.isNaN(v) || Number.isFinite(v))).toBe(true);
  });
});

describe('CSV corpus: times are what they claim', () => {
  it('20210101 is a date, never epoch seconds, and the report says so', () => {
    const { raw, report, notes } = parse('compact-date.csv');
    expect(Array.from(raw.time)).toEqual([day(2021, 1, 1), day(2021, 1, 2), day(2021, 1, 3)]);
    expect(report.counts['bad-time']).toBe(0);
    expect(notes).toContain('the time column "date" is read as YYYYMMDD dates');
  });

  it('an 8-digit cell that is not a date is refused at its line', () => {
    const { report } = parse('compact-date-invalid.csv');
    expect(issues(report, 'bad-time')).toEqual([
      { line: 2, column: undefined, message: 'line 2: time could not be parsed: "20211301" has 8 digits but is not a YYYYMMDD date between 1990 and 2100 (an epoch needs 9 or more digits)' },
    ]);
  });

  it('a bare year 2021 is 2021-01-01, never 33 minutes after 1970', () => {
    const { raw, notes } = parse('bare-year.csv');
    expect(Array.from(raw.time)).toEqual([day(2019, 1, 1), day(2020, 1, 1), day(2021, 1, 1)]);
    expect(notes).toContain('the time column "year" is read as bare years (2021 = 2021-01-01)');
  });

  it('small integers are no epoch in any unit: refused, not read as 1970', () => {
    const { report } = parse('small-integers.csv');
    expect(report.counts['bad-time']).toBe(3);
    expect(report.issues[0]!.message).toBe('line 2: time could not be parsed: the number 1 is not an epoch time between 1990 and 2100 in seconds, milliseconds, microseconds or nanoseconds');
  });

  it.each([
    ['epoch-ms.csv', 'milliseconds'],
    ['epoch-us.csv', 'microseconds'],
  ])('%s: the unit is inferred inside 1990-2100 and reported', (file, unit) => {
    const { raw, notes } = parse(file);
    expect(Array.from(raw.time)).toEqual([day(2024, 1, 1), day(2024, 1, 2), day(2024, 1, 3)]);
    expect(notes).toEqual([`the time column "time" is read as epoch ${unit} (the only unit that puts them between 1990 and 2100)`]);
  });

  it('a column mixing epoch units is read cell by cell and warned about with the first line of each', () => {
    const { raw, notes } = parse('epoch-mixed.csv');
    expect(Array.from(raw.time)).toEqual([day(2024, 1, 1), day(2024, 1, 2), day(2024, 1, 3)]);
    expect(notes).toEqual(['the time column "time" mixes forms: 2 as epoch seconds (first at line 2), 1 as epoch milliseconds (first at line 3); check the export']);
  });
});

describe('CSV corpus: prices are prices', () => {
  it('a close of 1e300 is flagged and read as missing', () => {
    const { report } = parse('close-1e300.csv');
    expect(issues(report, 'price')).toEqual([{ line: 3, column: 'close', message: 'line 3: close is 1e+300 (above 1000000000000000): not a price; read as missing' }]);
    const { frame } = loadCsv(read('close-1e300.csv'), { name: 'x' });
    expect(Array.from(frame.columns.close!)).toEqual([100, NaN, 101]);
  });

  it('zero and negative closes are flagged at their lines and never reach the frame', () => {
    const { report } = parse('zero-negative-close.csv');
    expect(issues(report, 'price').map((i) => [i.line, i.message])).toEqual([
      [3, 'line 3: close is 0 (zero): not a price; read as missing'],
      [4, 'line 4: close is -5 (negative): not a price; read as missing'],
    ]);
    const { frame } = loadCsv(read('zero-negative-close.csv'), { name: 'x' });
    expect(Array.from(frame.columns.close!)).toEqual([100, NaN, NaN, 101]);
  });

  it('a 1e6x spike is flagged going up and coming down', () => {
    const { report } = parse('spike-1e6.csv');
    expect(issues(report, 'spike').map((i) => [i.line, i.message])).toEqual([
      [3, 'line 3: close jumps 1.00e+6x in one step (100 -> 100000000): check the data or mark outliers'],
      [4, 'line 4: close falls 9.90e+5x in one step (100000000 -> 101): check the data or mark outliers'],
    ]);
  });

  it('the CLI path (a file stream through loadDataCell) puts the flags in the run notes', async () => {
    const result = await loadDataCell(
      { source: { type: 'csv', name: 'close-1e300.csv', path: 'close-1e300.csv' } },
      { readCsvText: () => Promise.resolve(createReadStream(join(DIR, 'close-1e300.csv'))) },
    );
    expect(result.cleaning.price).toBe(1);
    expect(result.notes).toEqual([
      'cleaning: 1 cell(s) that are not prices (zero, negative or absurd), read as missing (first: line 3: close is 1e+300 (above 1000000000000000): not a price; read as missing)',
    ]);
  });
});

describe('CSV corpus: headers', () => {
  it('a repeated header is renamed and reported, never dropped', () => {
    const { raw, mapping, notes } = parse('duplicate-headers.csv');
    expect(notes).toEqual(['line 1, column 4: the header "close" repeats column 2; it is read as "close (column 4)"']);
    expect(mapping).toMatchObject({ close: 'close', 'close (column 4)': 'close (column 4)' });
    expect(Array.from(raw.columns['close (column 4)']!)).toEqual([999, 998]);
    expect(Array.from(raw.columns.close!)).toEqual([1, 2]);
  });

  it('__proto__, constructor and toString headers are renamed and reported; lookups stay own properties', () => {
    const { frame, notes } = loadCsv(read('proto-headers.csv'), { name: 'p.csv' });
    expect(notes).toEqual([
      'line 1, column 3: the header "__proto__" is a reserved name; it is read as "__proto__ (column 3)"',
      'line 1, column 4: the header "constructor" is a reserved name; it is read as "constructor (column 4)"',
      'line 1, column 5: the header "toString" is a reserved name; it is read as "toString (column 5)"',
    ]);
    expect(Object.getPrototypeOf(frame.columns)).toBe(Object.prototype);
    expect(Object.keys(frame.columns).sort()).toEqual(['__proto__ (column 3)', 'close', 'constructor (column 4)', 'toString (column 5)']);
    expect(Object.hasOwn(frame.columns, 'constructor')).toBe(false);
    expect(() => loadCsv(read('proto-headers.csv'), { name: 'p.csv', fixes: { markOutliers: { column: 'constructor', zScore: 5 } } })).toThrow('markOutliers: no column "constructor"');
    expect(() => loadCsv(read('hex-number.csv'), { name: 'h.csv', mapping: JSON.parse('{"__proto__":"close"}') as Record<string, string> })).toThrow(
      'CSV mapping: "__proto__" is a reserved name and cannot name a column',
    );
  });
});

describe('CSV corpus: structure', () => {
  it('a blank header (a pandas index) is left out and said so', () => {
    const { raw, notes } = parse('blank-header.csv');
    expect(Object.keys(raw.columns)).toEqual(['close']);
    expect(notes).toEqual(['line 1, column 1: the header is blank; the column is left out (name it in the file to use it)']);
  });


  it('an unclosed quote names the line it opens on', () => {
    expect(() => parse('unclosed-quote.csv')).toThrow('CSV line 3: a quoted field is never closed');
  });

  it('every corpus file reads the same through the streaming (CLI) path', async () => {
    for (const file of ['hex-number.csv', 'compact-date.csv', 'bare-year.csv', 'epoch-ms.csv', 'epoch-mixed.csv', 'close-1e300.csv', 'spike-1e6.csv', 'infinity.csv', 'proto-headers.csv']) {
      const streamed = await parseCsvStream(createReadStream(join(DIR, file), { highWaterMark: 7 }), { name: file });
      const whole = parse(file);
      expect(streamed.report, file).toEqual(whole.report);
      expect(streamed.notes, file).toEqual(whole.notes);
    }
  });
});

/** A CSV whose second row holds one field of `total` characters, generated as it is read. */
function hugeField(total: number, quoted: boolean): { chunks: AsyncIterable<string>; sent: () => number } {
  const CHUNK = 1 << 20;
  const block = 'a'.repeat(CHUNK);
  let sent = 0;
  async function* generate(): AsyncIterable<string> {
    yield `time,close\n2024-01-01,${quoted ? '"' : ''}`;
    while (sent < total) {
      sent += CHUNK;
      yield block;
    }
    yield `${quoted ? '"' : ''}\n`;
  }
  return { chunks: generate(), sent: () => sent };
}

describe('CSV corpus: a 200 MB field', () => {
  it.each([false, true])('ends in the field-length limit at line 2, column 2, after reading about the limit (quoted: %s)', async (quoted) => {
    const heapBefore = process.memoryUsage().heapUsed;
    const started = performance.now();
    const field = hugeField(200e6, quoted);
    const error = await parseCsvStream(field.chunks, { name: 'huge.csv' }).then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(CsvLimitError);
    const limit = error as CsvLimitError;
    expect([limit.kind, limit.line, limit.column, limit.limit]).toEqual(['field', 2, 2, 65_536]);
    expect(limit.message).toContain('huge.csv: line 2, column 2 ("close"): a field is longer than 65,536 characters (the field-length limit)');
    // Streamed, not slurped: it stopped within the first megabytes of the 200 MB and kept nothing of them.
    expect(field.sent()).toBeLessThanOrEqual(2 << 20);
    expect(process.memoryUsage().heapUsed - heapBefore).toBeLessThan(64 << 20);
    expect(performance.now() - started).toBeLessThan(5_000);
  });
});
