import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createLocalTrialRunner } from '../../notebook/sweep/localRunner';
import { runSweep } from '../../notebook/sweep/runSweep';
import { sweepReportSchema, withoutTimes } from '../../notebook/sweep/sweepReport';
import { fixtureEnvironment, loadFixtureData, sweepNotebook } from '../../notebook/sweep/sweep.testkit';
import { freePort, queueTestsUnavailable, startRedis } from './redisServer.testkit';

// Issue #13: Redis unreachable, or restarted mid-sweep: a clear error, and rerunning resumes.
const root = resolve(__dirname, '../../..');
const unavailable = await queueTestsUnavailable();
if (unavailable) console.warn(`skipping the Redis restart tests: ${unavailable}`);

/** 12 small LSTM trials (a fraction of a second each): a sweep long enough to lose Redis in the middle of. */
const doc = sweepNotebook(
  { search: 'grid', parameters: { 'model.units': [2, 3], 'training.learningRate': [0.002, 0.005, 0.01, 0.02, 0.03, 0.05] } },
  { model: { type: 'lstm', units: 3, lookback: 6, recurrentActivation: 'sigmoid' }, training: { epochs: 6, batchSize: 32, learningRate: 0.01 } },
);

interface Cli {
  child: ChildProcess;
  stderr: () => string;
  exited: Promise<number | null>;
}

function startCli(args: string[]): Cli {
  const child = spawn('npx', ['tsx', 'src/cli/main.ts', ...args], { cwd: root, detached: true, stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  return { child, stderr: () => stderr, exited: new Promise((r) => child.on('exit', r)) };
}

const killGroup = (child: ChildProcess) => {
  try {
    process.kill(-child.pid!, 'SIGKILL');
  } catch {
    // already gone
  }
};

const storedTrials = (dir: string) => {
  try {
    return readdirSync(dir).filter((name) => name.endsWith('.json')).length;
  } catch {
    return 0;
  }
};

describe.skipIf(unavailable !== null)('a sweep whose Redis goes away (real redis-server)', () => {
  // Cleaned up here, not in a finally: a test that times out never reaches its finally.
  const processes: ChildProcess[] = [];
  const servers: { stop(): Promise<void> }[] = [];
  afterEach(async () => {
    for (const child of processes.splice(0)) killGroup(child);
    await Promise.all(servers.splice(0).map((server) => server.stop()));
  });
  const cli = (args: string[]) => {
    const started = startCli(args);
    processes.push(started.child);
    return started;
  };
  const redis = async (port?: number) => {
    const server = await startRedis(port);
    servers.push(server);
    return server;
  };

  it('Redis unreachable: the sweep command exits at once, naming the host and port and the fix', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cfl-noredis-'));
    writeFileSync(join(dir, 'notebook.json'), JSON.stringify(doc));
    const port = await freePort();
    const sweep = cli(['sweep', join(dir, 'notebook.json'), '--queue', `redis://127.0.0.1:${port}`, '--quiet']);
    expect(await sweep.exited).toBe(1);
    expect(sweep.stderr()).toMatch(new RegExp(`cannot reach Redis at redis://127\\.0\\.0\\.1:${port} .*start redis-server`));
  }, 60_000);

  it('Redis restarted mid-sweep: a clear error; the rerun resumes from the finished trials and reports as a local sweep', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cfl-redis-restart-'));
    const notebook = join(dir, 'notebook.json');
    writeFileSync(notebook, JSON.stringify(doc));
    const store = join(dir, 'trials');
    const out = join(dir, 'sweep.json');
    const first = await redis();
    const worker = cli(['worker', '--queue', first.url, '--backend', 'cpu', '--lock-seconds', '3']);
    const sweep = cli(['sweep', notebook, '--queue', first.url, '--backend', 'cpu', '--store', store, '--out', out, '--quiet']);
    // Two trials are finished and stored: restart Redis (empty: no persistence) on the same port.
    const earlyExit = sweep.exited.then((code) => Promise.reject(new Error(`the sweep exited (${code}) before Redis went away: ${sweep.stderr()}`)));
    await Promise.race([expect.poll(() => storedTrials(store), { timeout: 60_000, interval: 20 }).toBeGreaterThanOrEqual(2), earlyExit]);
    await first.stop();
    const second = await redis(first.port);
    expect(await sweep.exited).toBe(1);
    expect(sweep.stderr()).toMatch(new RegExp(`lost the connection to Redis at redis://127\\.0\\.0\\.1:${first.port} mid-sweep .*rerun the same command`));
    const finished = storedTrials(store);
    expect(finished).toBeLessThan(12);

    // The rerun (a fresh worker: the old one held a job the restarted Redis no longer knows) resumes.
    killGroup(worker.child);
    cli(['worker', '--queue', second.url, '--backend', 'cpu', '--lock-seconds', '3']);
    const rerun = cli(['sweep', notebook, '--queue', second.url, '--backend', 'cpu', '--store', store, '--out', out, '--quiet']);
    expect(await rerun.exited, rerun.stderr()).toBe(0);
    const report = sweepReportSchema.parse(JSON.parse(readFileSync(out, 'utf8')));
    expect(report.resumed).toBe(finished);
    expect(report.trials.map((t) => t.status)).toEqual(Array<string>(12).fill('ok'));
    const local = await runSweep(doc, { env: { loadData: loadFixtureData }, runner: createLocalTrialRunner(() => fixtureEnvironment()), backend: 'cpu' });
    expect(withoutTimes(report)).toEqual(withoutTimes(local));
  }, 150_000);
});
