import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { runReportSchema } from '../notebook/report';

const root = resolve(__dirname, '../..');

describe('the LSTM lesson in the CLI', () => {
  it('runs public/notebooks/lstm-lesson.json to a report with its diagnostics: intervals, drift, learning curves, purge', async () => {
    const out = join(mkdtempSync(join(tmpdir(), 'cfl-lesson-')), 'report.json');
    await promisify(execFile)('npx', ['tsx', 'src/cli/main.ts', 'run', 'public/notebooks/lstm-lesson.json', '--out', out, '--quiet'], { cwd: root, timeout: 280_000 });
    const report = runReportSchema.parse(JSON.parse(readFileSync(out, 'utf8')));
    expect(report.title).toMatch(/how an LSTM forecasts/i);
    const d = report.diagnostics!;
    expect(d.conformal!.levels.map((l) => l.level)).toEqual([0.8, 0.95]);
    for (const level of d.conformal!.levels) expect(level.coverage).toBeGreaterThan(0.5);
    expect(d.drift.folds).toHaveLength(report.folds.length);
    expect(d.learningCurves).toHaveLength(report.folds.length);
    expect(report.folds.every((f) => f.purge?.rows === 10)).toBe(true);
  }, 300_000);
});
