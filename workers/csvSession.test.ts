import { describe, expect, it } from 'vitest';
import { CsvSession } from './csvSession';

const bytes = (text: string) => new TextEncoder().encode(text).buffer as ArrayBuffer;
const quiet = () => undefined;

const CSV = [
  'date,open,high,low,close,volume,symbol',
  '2024-01-01,1,2,0.5,1.5,10,BTC',
  '2024-01-02,1.5,2,1,1.8,12,BTC',
  '2024-01-02,1.5,2,1,1.9,12,BTC',
  '2024-01-05,1.8,2.2,1.6,2,9,BTC',
  '2024-01-04,2,2.4,1.9,2.2,9,BTC',
  '2024-01-06,2.2,2.4,2.1,2.3,9,BTC',
].join('\n');

describe('CsvSession', () => {
  it('opens: header, preview with lines, a suggested mapping and text columns to leave out', () => {
    const session = new CsvSession();
    const opened = session.open(bytes(CSV), 'btc.csv', quiet);
    expect(opened.headers).toEqual(['date', 'open', 'high', 'low', 'close', 'volume', 'symbol']);
    expect(opened.preview[0]).toEqual({ line: 2, cells: ['2024-01-01', '1', '2', '0.5', '1.5', '10', 'BTC'] });
    expect(opened.suggested).toMatchObject({ time: 'date', close: 'close', volume: 'volume' });
    expect(opened.textColumns).toEqual(['symbol']);
    expect(opened.mappingError).toBeNull();
  });

  it('parses without the left-out column, previews fixes with counts, and finishes with a hashed frame', () => {
    const session = new CsvSession();
    session.open(bytes(CSV), 'btc.csv', quiet);
    const parsed = session.parse({ time: 'date', close: 'close' }, ['symbol'], quiet);
    // Positive steps 1, 3, 2 days: the median step (the inferred bar) is 2 days.
    expect(parsed.intervalMs).toBe(2 * 86_400_000);
    expect(parsed.rows).toBe(6);
    expect(parsed.counts).toMatchObject({ duplicate: 1, unsorted: 1, 'non-numeric': 0 });
    expect(parsed.mapping.symbol).toBeUndefined();
    expect(parsed.issues.map((i) => i.line)).toEqual([4, 6]);
    expect(session.previewFixes({})).toMatchObject({ applied: null, error: expect.stringContaining('choose sort') });
    const fixes = { sort: true, dropDuplicates: 'last' as const, forwardFillGaps: 1 };
    expect(session.previewFixes(fixes)).toMatchObject({ error: null, applied: { duplicatesDropped: 1, sortedRows: 1, rowsIn: 6, rowsOut: 5 } });
    const finished = session.finish(fixes, quiet);
    expect(finished.hash).toMatch(/^[0-9a-f]{64}$/);
    expect(Object.keys(finished.frame.columns).sort()).toEqual(['close', 'high', 'low', 'open', 'volume']);
    expect(finished.frame.meta).toMatchObject({ name: 'btc.csv', intervalMs: 2 * 86_400_000, source: 'csv', synthetic: false });
  });

  it('refuses empty and binary files with specific messages', () => {
    const session = new CsvSession();
    expect(() => session.open(new ArrayBuffer(0), 'empty.csv', quiet)).toThrow('empty.csv: the file is empty (0 bytes)');
    expect(() => session.open(Uint8Array.from([0x50, 0x4b, 3, 4, 0, 0]).buffer, 'zip.csv', quiet)).toThrow('zip.csv: this is not a text CSV file');
    expect(() => session.open(bytes('date,close\n'), 'header.csv', quiet)).toThrow('header.csv: a header row and at least one data row are needed');
  });

  it('stops a field past the length limit at open, naming its line and column', () => {
    const session = new CsvSession();
    const huge = `date,close\n2024-01-01,1\n2024-01-02,${'9'.repeat(3 << 20)}\n`;
    expect(() => session.open(bytes(huge), 'huge.csv', quiet)).toThrow('huge.csv: line 3, column 2 ("close"): a field is longer than 65,536 characters (the field-length limit)');
  });

  it('says which epoch unit it assumed', () => {
    const session = new CsvSession();
    session.open(bytes('time,close\n1704067200,1\n1704153600,2\n'), 'e.csv', quiet);
    expect(session.parse({}, [], quiet).warnings).toEqual(['the time column "time" is read as epoch seconds (the only unit that puts them between 1990 and 2100)']);
  });

  it('reports a missing close column at open and keeps the file for a manual mapping', () => {
    const session = new CsvSession();
    const opened = session.open(bytes('date,last\n2024-01-01,1\n2024-01-02,2\n'), 'x.csv', quiet);
    expect(opened.suggested).toBeNull();
    expect(opened.mappingError).toContain('CSV has no close column (found: date, last)');
    expect(session.parse({ time: 'date', close: 'last' }, [], quiet).rows).toBe(2);
  });

  it('warns when the close column has no numbers', () => {
    const session = new CsvSession();
    session.open(bytes('date,close\n2024-01-01,abc\n2024-01-02,def\n'), 'x.csv', quiet);
    expect(session.parse({}, [], quiet).warnings).toEqual(['close (column "close") has no numbers, e.g. "abc" at line 2: map close to another column or leave it out']);
  });
});

describe('time zones', () => {
  it('counts zone suffixes of ISO times, and ignores dates and plain numbers', () => {
    const session = new CsvSession();
    session.open(bytes('t,v\n2024-01-01T00:00:00Z,-1234\n2024-01-01T02:00:00+0200,1\n2024-01-02 00:00,2\n2024-01-03,3\n'), 'z.csv', quiet);
    expect(session.parse({ time: 't', close: 'v' }, [], quiet).warnings).toContain(
      'mixed time zones in the times: 1 ending in Z (first at line 2), 1 ending in +02:00 (first at line 3), 1 ending in no zone (read as UTC) (first at line 4); every time is converted to UTC, check the duplicates and gaps this makes',
    );
  });
});
