import { describe, expect, it } from 'vitest';
import { watchdogFromQuery } from './watchdogQuery';

describe('watchdogFromQuery', () => {
  it('reads both budgets, and nothing without the parameters', () => {
    expect(watchdogFromQuery('?notebook=tiny&watchdogMs=10000&batchDeadlineMs=20000')).toEqual({ silenceBudgetMs: 10_000, batchDeadlineMs: 20_000 });
    expect(watchdogFromQuery('?notebook=tiny')).toEqual({});
  });

  it('ignores a value out of range or not a number, and says so', () => {
    const warnings: string[] = [];
    expect(watchdogFromQuery('?watchdogMs=10&batchDeadlineMs=abc', (m) => warnings.push(m))).toEqual({});
    expect(warnings).toHaveLength(2);
    expect(warnings[0]).toMatch(/^\?watchdogMs=10 ignored: a whole number of milliseconds from 500 to 3600000 is expected/);
    expect(warnings[1]).toMatch(/^\?batchDeadlineMs=abc ignored/);
  });
});
