import { it, expect } from 'vitest';
import { CsvStreamParser, parseCsvText } from '../../src/sources/csvStream';
const run = (text: string, slice = 3) => { const out: Array<[number, string[]]> = []; const p = new CsvStreamParser('x.csv', (f, l) => { out.push([l, f]); }); parseCsvText(text, p, slice); return out; };
it('works', () => {
  for (const slice of [1, 2, 3, 5, 7, 100]) {
    expect(run('a,b\r\n1,"x\ny"\r\n\r\n2,"q""r"\r\n3,4', slice)).toEqual([[1, ['a','b']], [2, ['1','x\ny']], [5, ['2','q"r']], [6, ['3','4']]]);
    expect(run('\ufeffa;b\n1;2\n', slice)).toEqual([[1, ['a','b']], [2, ['1','2']]]);
    expect(run('a,b\r1,2\r3,4', slice)).toEqual([[1, ['a','b']], [2, ['1','2']], [3, ['3','4']]]);
  }
  expect(() => run('a,b\n1,"2\n')).toThrow('never closed');
  expect(() => run('a,b\n1,"2"x\n3,4\n')).toThrow('CSV line 2');
});
