import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { trialsFromReports } from './trials';

const fixture = JSON.parse(readFileSync(resolve(__dirname, '../storage/fixtures/run-v1.json'), 'utf8')) as { report: Record<string, unknown> };

function report(hash: string, sharpe: number) {
  const base = structuredClone(fixture.report) as { notebookHash: string; backtest: { periodsPerYear: number; strategy: { sharpe: number } } };
  base.notebookHash = hash;
  base.backtest.periodsPerYear = 4;
  base.backtest.strategy.sharpe = sharpe;
  return base;
}

describe('trialsFromReports', () => {
  it('counts distinct configurations plus the current one; reruns of a configuration count once', () => {
    const a = 'a'.repeat(64);
    const b = 'b'.repeat(64);
    const c = 'c'.repeat(64);
    // Per-period Sharpe = annual / sqrt(4): 1/2, 3/2 (the rerun of a is ignored, the first seen is kept).
    const reports = [report(a, 1), report(b, 3), report(a, 9), { broken: true }];
    // Variance of [0.5, 1.5] with n - 1: ((-0.5)^2 + 0.5^2) / 1 = 0.5.
    expect(trialsFromReports(reports, c)).toEqual({ count: 3, sharpeVariance: 0.5 });
    expect(trialsFromReports(reports, a)).toEqual({ count: 2, sharpeVariance: 0.5 });
    expect(trialsFromReports([], c)).toEqual({ count: 1, sharpeVariance: 0 });
  });
});
