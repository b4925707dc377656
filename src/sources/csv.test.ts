import { describe, expect, it } from 'vitest';
import { loadCsv, parseCsvSeries, parseTimeCell } from './csv';

const DAY = 86_400_000;

describe('parseTimeCell', () => {
  it('reads ISO dates and date-times as UTC and epoch numbers in s, ms or µs', () => {
    expect(parseTimeCell('2024-01-02')).toBe(Date.UTC(2024, 0, 2));
    expect(parseTimeCell('2024-01-02T03:00:00Z')).toBe(Date.UTC(2024, 0, 2, 3));
    expect(parseTimeCell('2024-01-02 03:00:00')).toBe(Date.UTC(2024, 0, 2, 3));
    expect(parseTimeCell('2024-01-02T05:00:00+02:00')).toBe(Date.UTC(2024, 0, 2, 3));
    expect(parseTimeCell('1704164400')).toBe(Date.UTC(2024, 0, 2, 3));
    expect(parseTimeCell('1704164400000')).toBe(Date.UTC(2024, 0, 2, 3));
    expect(parseTimeCell('1704164400000000')).toBe(Date.UTC(2024, 0, 2, 3));
    expect(parseTimeCell('not a date')).toBeNaN();
  });
});

describe('loadCsv', () => {
  it('maps common headers, keeps extra numeric columns and returns a Frame', () => {
    const text = 'Date,Open,High,Low,Close,Volume,AdrActCnt\n2024-01-01,1,2,0.5,1.5,10,100\n2024-01-02,1.5,2,1,1.8,12,110\n';
    const { frame, mapping, report } = loadCsv(text, { name: 'btc.csv' });
    expect(mapping).toMatchObject({ time: 'Date', open: 'Open', close: 'Close', AdrActCnt: 'AdrActCnt' });
    expect(Array.from(frame.time)).toEqual([Date.UTC(2024, 0, 1), Date.UTC(2024, 0, 2)]);
    expect(Array.from(frame.columns.close!)).toEqual([1.5, 1.8]);
    expect(Array.from(frame.columns.AdrActCnt!)).toEqual([100, 110]);
    expect(report.intervalMs).toBe(DAY);
    expect(report.issues).toEqual([]);
  });

  it('handles a BOM, the ; delimiter, quoted fields with commas and CRLF', () => {
    const text = '\ufefftime;close;note\r\n1704067200;"1,5";"a; b"\r\n1704153600;2;x\r\n';
    const semi = parseCsvSeries(text, { name: 'semi.csv' });
    // "1,5" is a decimal comma, not a number here: reported at its line, kept as NaN, never guessed.
    expect(semi.report.issues.filter((i) => i.kind === 'non-numeric').map((i) => [i.line, i.column])).toEqual([
      [2, 'close'],
      [2, 'note'],
      [3, 'note'],
    ]);
    const ok = '\ufefftime;close\r\n1704067200;"42.5"\r\n1704153600;43\r\n';
    const { frame } = loadCsv(ok, { name: 'semi.csv' });
    expect(Array.from(frame.columns.close!)).toEqual([42.5, 43]);
    const quoted = 'time,close,label\n2024-01-01,1,"x, y"\n2024-01-02,2,"z"\n';
    const parsed = parseCsvSeries(quoted, { name: 'q.csv' });
    expect(parsed.raw.nonNumeric).toEqual([
      { row: 0, column: 'label', text: 'x, y' },
      { row: 1, column: 'label', text: 'z' },
    ]);
  });

  it('names the line and the text of a non-numeric cell', () => {
    const text = 'time,close\n2024-01-01,1\n2024-01-02,abc\n2024-01-03,3\n';
    const { report } = parseCsvSeries(text, { name: 'bad.csv' });
    const issue = report.issues.find((i) => i.kind === 'non-numeric');
    expect(issue?.line).toBe(3);
    expect(issue?.message).toContain('"abc"');
  });

  it('gives specific errors for empty, binary, header-only and column-less files', () => {
    expect(() => loadCsv('', { name: 'empty.csv' })).toThrow('empty.csv: the file is empty');
    expect(() => loadCsv('PK\u0003\u0004\u0000\u0000binary', { name: 'zip.csv' })).toThrow(/not a text CSV/);
    expect(() => loadCsv('time,close\n', { name: 'h.csv' })).toThrow(/at least one data row/);
    expect(() => loadCsv('when,price_x\n1,2\n', { name: 'n.csv' })).toThrow(/no time column \(found: when, price_x\)/);
    expect(() => loadCsv('time,close\n2024-01-01,1,9\n', { name: 'f.csv' })).toThrow('CSV line 2: 3 fields, the header has 2');
    expect(() => loadCsv('time,close\n2024-01-01,"1\n', { name: 'u.csv' })).toThrow(/never closed/);
  });

  it('reports duplicate and unsorted rows and refuses them until the user picks a fix', () => {
    const text = 'time,close\n2024-01-01,1\n2024-01-03,3\n2024-01-02,2\n2024-01-03,4\n';
    expect(() => loadCsv(text, { name: 'd.csv' })).toThrow(/duplicate|unsorted/);
    const { frame } = loadCsv(text, { name: 'd.csv', fixes: { sort: true, dropDuplicates: 'last' } });
    expect(Array.from(frame.time)).toEqual([Date.UTC(2024, 0, 1), Date.UTC(2024, 0, 2), Date.UTC(2024, 0, 3)]);
    expect(Array.from(frame.columns.close!)).toEqual([1, 2, 4]);
  });

  it('uses an explicit mapping and names a mapped header that does not exist', () => {
    const text = 'ts,last\n2024-01-01,1\n2024-01-02,2\n';
    const { frame } = loadCsv(text, { name: 'm.csv', mapping: { time: 'ts', close: 'last' } });
    expect(Array.from(frame.columns.close!)).toEqual([1, 2]);
    expect(() => loadCsv(text, { name: 'm.csv', mapping: { close: 'Close' } })).toThrow(/close -> "Close", but the file has no such column/);
  });
});
