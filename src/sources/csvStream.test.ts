import { describe, expect, it } from 'vitest';
import { CsvLimitError, CsvStreamParser, parseCsvText } from './csvStream';

function records(text: string, slice: number, limits = {}): Array<[number, string[]]> {
  const out: Array<[number, string[]]> = [];
  const parser = new CsvStreamParser('x.csv', (fields, line) => {
    out.push([line, fields]);
  }, limits);
  parseCsvText(text, parser, slice);
  return out;
}

describe('CsvStreamParser', () => {
  it('splits records across any chunk size, with their first line, CRLF, CR alone and a BOM', () => {
    for (const slice of [1, 2, 3, 5, 7, 100]) {
      expect(records('a,b\r\n1,"x\ny"\r\n\r\n2,"q""r"\r\n3,4', slice)).toEqual([
        [1, ['a', 'b']],
        [2, ['1', 'x\ny']],
        [5, ['2', 'q"r']],
        [6, ['3', '4']],
      ]);
      expect(records('\ufeffa;b\n1;2\n', slice)).toEqual([[1, ['a', 'b']], [2, ['1', '2']]]);
      expect(records('a,b\r1,2\r3,4', slice)).toEqual([[1, ['a', 'b']], [2, ['1', '2']], [3, ['3', '4']]]);
    }
  });

  it('names the line of a quote that is never closed or is malformed', () => {
    expect(() => records('a,b\n1,"2\n', 4)).toThrow('CSV line 2: a quoted field is never closed');
    expect(() => records('a,b\n1,"2"x\n3,4\n', 4)).toThrow(/^CSV line 2: /);
  });

  it('stops at the first field, row or column past its limit, with line and column', () => {
    const field = () => records(`a,b\n1,2\n3,${'9'.repeat(50)}\n`, 8, { maxFieldChars: 20 });
    expect(field).toThrow(CsvLimitError);
    expect(field).toThrow('x.csv: line 3, column 2 ("b"): a field is longer than 20 characters (the field-length limit)');
    expect(() => records(`a,b\n${'1,'.repeat(30)}1\n`, 8, { maxRowChars: 100, maxColumns: 10 })).toThrow('line 2, column 11: a row has more than 10 fields');
    expect(() => records(`a,b\n${'1'.repeat(15)},${'2'.repeat(15)}\n`, 8, { maxRowChars: 20 })).toThrow('line 2, column 2 ("b"): a row is longer than 20 characters');
    expect(() => records('a,b\n"1,\n2,3\n4,5\n', 8, { maxFieldChars: 6 })).toThrow('the field is quoted from line 2: is its closing quote missing?');
    expect(() => records('a,b\n1,2\n3,4\n', 2, { maxFileBytes: 8 })).toThrow('the file is larger than 8 characters (the file-size limit)');
  });
});
