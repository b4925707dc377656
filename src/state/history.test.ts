import { describe, expect, it } from 'vitest';
import { createHistory, HISTORY_LIMIT, MERGE_WINDOW_MS, record, redo, undo } from './history';

describe('history', () => {
  it('undoes and redoes edits in order', () => {
    let h = createHistory('a');
    h = record(h, 'b', { now: 0 });
    h = record(h, 'c', { now: 10_000 });
    h = undo(h);
    expect(h.present).toBe('b');
    h = undo(h);
    expect(h.present).toBe('a');
    expect(undo(h)).toBe(h);
    h = redo(redo(h));
    expect(h.present).toBe('c');
    expect(redo(h)).toBe(h);
  });

  it('a new edit after an undo drops the redo branch', () => {
    let h = record(record(createHistory(1), 2, { now: 0 }), 3, { now: 5000 });
    h = record(undo(h), 4, { now: 9000 });
    expect(h.future).toEqual([]);
    expect(undo(h).present).toBe(2);
  });

  it('merges the keystrokes of one field into one step, but not across fields or after a pause', () => {
    let h = createHistory('');
    h = record(h, '1', { key: 'feeBps', now: 0 });
    h = record(h, '12', { key: 'feeBps', now: 100 });
    h = record(h, '125', { key: 'feeBps', now: 200 });
    expect(undo(h).present).toBe('');
    h = record(h, 'x', { key: 'units', now: 300 });
    expect(undo(h).present).toBe('125');
    h = record(h, 'y', { key: 'units', now: 300 + MERGE_WINDOW_MS + 1 });
    expect(undo(h).present).toBe('x');
  });

  it('an edit that changes nothing is not a step', () => {
    const h = createHistory({ a: 1 });
    expect(record(h, h.present, { now: 0 })).toBe(h);
  });

  it(`keeps at most ${HISTORY_LIMIT} steps`, () => {
    let h = createHistory(0);
    for (let i = 1; i <= HISTORY_LIMIT + 50; i++) h = record(h, i, { now: i * 10_000 });
    expect(h.past.length).toBe(HISTORY_LIMIT);
    expect(h.past[0]).toBe(50);
  });
});
