import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { checkNotebookJson, locate } from './jsonCheck';

const tinyText = readFileSync('public/notebooks/tiny.json', 'utf8');

describe('checkNotebookJson', () => {
  it('accepts the tiny notebook as it is', () => {
    expect(checkNotebookJson(tinyText).ok).toBe(true);
  });

  it('places an out-of-range value at its path and line', () => {
    const text = tinyText.replace('"feeBps": 10', '"feeBps": -5');
    const result = checkNotebookJson(text);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    const [problem] = result.problems;
    expect(problem).toMatchObject({ path: 'cells[5].feeBps', line: text.split('\n').findIndex((l) => l.includes('"feeBps": -5')) + 1 });
    expect(text.slice(problem!.from, problem!.to)).toBe('-5');
  });

  it('places a misspelt key at the key', () => {
    const text = tinyText.replace('"feeBps": 10', '"feeBsp": 10');
    const result = checkNotebookJson(text);
    if (result.ok) throw new Error('expected problems');
    const typo = result.problems.find((p) => p.path === 'cells[5].feeBsp');
    expect(typo && text.slice(typo.from, typo.to)).toBe('"feeBsp"');
    expect(result.problems.map((p) => p.path)).toContain('cells[5].feeBps');
  });

  it('reports broken JSON with its line', () => {
    const result = checkNotebookJson('{\n  "title": "x",\n  oops\n}');
    if (result.ok) throw new Error('expected problems');
    expect(result.problems[0]).toMatchObject({ path: '(text)', line: 3 });
  });

  it('locates values inside nested objects and lists', () => {
    const text = '{"a": [1, {"b": [true, "x\\"y"]}], "c": {}}';
    const span = (path: (string | number)[]) => {
      const { from, to } = locate(text, path);
      return text.slice(from, to);
    };
    expect(span(['a', 1, 'b', 1])).toBe('"x\\"y"');
    expect(span(['c'])).toBe('{}');
    expect(span(['c', 'missing'])).toBe('{}');
  });
});
