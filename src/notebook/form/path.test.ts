import { describe, expect, it } from 'vitest';
import { getAt, pathText, setAt } from './path';

describe('setAt', () => {
  const doc = { title: 'a', cells: [{ id: 'x', model: { units: 8 } }, { id: 'y' }] };

  it('sets a nested value and copies only the objects along the path', () => {
    const next = setAt(doc, ['cells', 0, 'model', 'units'], 16) as typeof doc;
    expect(getAt(next, ['cells', 0, 'model', 'units'])).toBe(16);
    expect(getAt(doc, ['cells', 0, 'model', 'units'])).toBe(8);
    expect(next.cells[1]).toBe(doc.cells[1]);
    expect(next.cells).not.toBe(doc.cells);
  });

  it('removes an object key when given undefined, and a list item at its index', () => {
    expect(setAt({ a: 1, b: 2 }, ['a'], undefined)).toEqual({ b: 2 });
    expect(setAt([1, 2, 3], [1], undefined)).toEqual([1, 3]);
  });

  it('creates missing objects and appends at the end of a list', () => {
    expect(setAt({}, ['volTarget', 'annualVol'], 0.2)).toEqual({ volTarget: { annualVol: 0.2 } });
    expect(setAt([1], [1], 2)).toEqual([1, 2]);
  });

  it('refuses an index past the end of a list, naming it', () => {
    expect(() => setAt([1], [3], 2)).toThrow(/index 3 is outside the list of 1/);
  });

  it('reads back what it set, and names the path as the JSON view does', () => {
    const path = ['cells', 1, 'features', 0, 'period'] as const;
    expect(getAt(setAt(doc, path, 14), path)).toBe(14);
    expect(getAt(doc, ['cells', 5, 'id'])).toBeUndefined();
    expect(pathText(path)).toBe('cells[1].features[0].period');
  });
});
