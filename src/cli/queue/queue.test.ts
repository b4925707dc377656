import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLocalTrialRunner } from '../../notebook/sweep/localRunner';
import { runSweep } from '../../notebook/sweep/runSweep';
import { sweepReportSchema, withoutTimes } from '../../notebook/sweep/sweepReport';
import { fixtureEnvironment, loadFixtureData, sweepNotebook } from '../../notebook/sweep/sweep.testkit';
import { checkRedis } from './connection';
import { freePort, queueTestsUnavailable, startRedis } from './redisServer.testkit';

const root = resolve(__dirname, '../../..');
const unavailable = await queueTestsUnavailable();
if (unavailable) console.warn(`skipping the BullMQ sweep tests: ${unavailable}`);

/** 24 small LSTM trials: long enough to kill a worker in the middle of one. */
const lstmDoc = sweepNotebook(
  { search: 'grid', parameters: { 'model.units': [2, 3, 4, 5], 'training.learningRate': [0.002, 0.005, 0.01, 0.02, 0.03, 0.05] } },
  { model: { type: 'lstm', units: 4, lookback: 8, recurrentActivation: 'sigmoid' }, training: { epochs: 40, batchSize: 16, learningRate: 0.01 } },
);

function startWorker(url: string): { child: ChildProcess; done: () => number } {
  const child = spawn('npx', ['tsx', 'src/cli/main.ts', 'worker', '--queue', url, '--backend', 'cpu', '--lock-seconds', '3'], { cwd: root, detached: true, stdio: ['ignore', 'ignore', 'pipe'] });
  let done = 0;
  child.stderr?.on('data', (chunk: Buffer) => (done += (chunk.toString().match(/ done\n/g) ?? []).length));
  return { child, done: () => done };
}

const killGroup = (child: ChildProcess, signal: NodeJS.Signals) => {
  try {
    process.kill(-child.pid!, signal);
  } catch {
    // already gone
  }
};

describe.skipIf(unavailable !== null)('sweeps on a BullMQ queue with a real redis-server', () => {
  let redis: Awaited<ReturnType<typeof startRedis>>;
  beforeAll(async () => {
    redis = await startRedis();
  });
  afterAll(() => redis?.stop());

  it('2 workers, one SIGKILLed mid-trial: 24 distinct results, none lost or doubled, the report equal to a local sweep', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cfl-queue-'));
    writeFileSync(join(dir, 'notebook.json'), JSON.stringify(lstmDoc));
    const out = join(dir, 'sweep.json');
    let sweepDone = false;
    const cleanup: (() => void)[] = [];
    const victim = startWorker(redis.url);
    const survivor = startWorker(redis.url);
    try {
      const sweep = spawn('npx', ['tsx', 'src/cli/main.ts', 'sweep', join(dir, 'notebook.json'), '--queue', redis.url, '--backend', 'cpu', '--out', out, '--quiet'], { cwd: root, stdio: 'ignore' });
      const exited = new Promise<number | null>((r) => sweep.on('exit', r));
      cleanup.push(() => {
        if (!sweepDone) sweep.kill('SIGKILL');
      });
      // Once the victim finished a trial it is busy with its next one: kill it (and its sandboxed child) there.
      await expect.poll(() => victim.done(), { timeout: 60_000, interval: 50 }).toBeGreaterThan(0);
      killGroup(victim.child, 'SIGKILL');
      expect(await exited).toBe(0);
      sweepDone = true;
      const report = sweepReportSchema.parse(JSON.parse(readFileSync(out, 'utf8')));
      expect(report.trials).toHaveLength(24);
      expect(new Set(report.trials.map((t) => t.id)).size).toBe(24);
      expect(report.trials.every((t) => t.status === 'ok')).toBe(true);
      const local = await runSweep(lstmDoc, { env: { loadData: loadFixtureData }, runner: createLocalTrialRunner(() => fixtureEnvironment()), backend: 'cpu' });
      expect(withoutTimes(report)).toEqual(withoutTimes(local));
      expect(survivor.done()).toBeGreaterThan(0);
    } finally {
      killGroup(victim.child, 'SIGKILL');
      killGroup(survivor.child, 'SIGKILL');
      for (const step of cleanup) step();
    }
  }, 120_000);

  it('says clearly when Redis cannot be reached', async () => {
    const port = await freePort();
    await expect(checkRedis(`redis://127.0.0.1:${port}`, 500)).rejects.toThrow(new RegExp(`cannot reach Redis at redis://127\\.0\\.0\\.1:${port} .*start redis-server`));
  });
});
