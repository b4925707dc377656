import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { createLocalTrialRunner } from '../notebook/sweep/localRunner';
import { runSweep } from '../notebook/sweep/runSweep';
import { sweepReportSchema, withoutTimes } from '../notebook/sweep/sweepReport';
import { fixtureEnvironment, loadFixtureData, sweepNotebook } from '../notebook/sweep/sweep.testkit';
import { parseSweepArgs } from './sweepArgs';

const root = resolve(__dirname, '../..');

describe('npm run cli -- sweep', () => {
  it('runs the trials in 2 worker threads and writes the same report as an in-process sweep', async () => {
    const doc = sweepNotebook({ search: 'random', trials: 4, seed: 5, parameters: { 'model.lambda': { min: 0.01, max: 100, scale: 'log' }, 'model.lookback': [4, 8] } });
    const dir = mkdtempSync(join(tmpdir(), 'cfl-sweep-'));
    writeFileSync(join(dir, 'notebook.json'), JSON.stringify(doc));
    const out = join(dir, 'sweep.json');
    await promisify(execFile)('npx', ['tsx', 'src/cli/main.ts', 'sweep', join(dir, 'notebook.json'), '--out', out, '--workers', '2', '--backend', 'cpu', '--quiet'], { cwd: root });
    const written = sweepReportSchema.parse(JSON.parse(readFileSync(out, 'utf8')));
    expect(written.trials).toHaveLength(4);
    expect(written.best).not.toBeNull();
    const local = await runSweep(doc, { env: { loadData: loadFixtureData }, runner: createLocalTrialRunner(() => fixtureEnvironment()), backend: 'cpu' });
    expect(withoutTimes(written)).toEqual(withoutTimes(local));
  });

  it('reads its options and refuses bad ones with the fix', () => {
    expect(parseSweepArgs(['sweep', 'nb.json', '--workers', '3', '--out', 'x.json'])).toMatchObject({ command: 'sweep', notebook: 'nb.json', workers: 3, out: 'x.json' });
    expect(() => parseSweepArgs(['sweep', 'nb.json', '--queue', 'localhost:6379'])).toThrow(/--queue must be a Redis URL like redis:\/\/HOST:PORT/);
    expect(parseSweepArgs(['sweep', 'nb.json', '--store', 'trials'])).toMatchObject({ store: 'trials' });
    expect(() => parseSweepArgs(['worker', '--queue', 'redis://h:1', '--store', 'trials'])).toThrow(/unknown option --store/);
    expect(() => parseSweepArgs(['worker'])).toThrow(/worker needs --queue/);
    expect(() => parseSweepArgs(['sweep'])).toThrow(/sweep needs a notebook file/);
  });
});
