/**
 * Sweep orchestration (issue #13): 32 trials of a small notebook run sequentially in-process, in
 * local worker threads, and on BullMQ with 2 worker processes on this machine (skipped, with the
 * reason in the JSON, without redis-server). `npx tsx bench/sweep.ts` runs this file alone.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createServer } from 'node:net';
import { checkRedis } from '../src/cli/queue/connection';
import { createQueueRunner } from '../src/cli/queue/queueRunner';
import { createThreadRunner } from '../src/cli/threadRunner';
import { createLocalExecutor } from '../src/ml/localExecutor';
import { createMemoryCache } from '../src/notebook/cache';
import { parseNotebook } from '../src/notebook/parse';
import { createLocalTrialRunner } from '../src/notebook/sweep/localRunner';
import { runSweep, type TrialRunner } from '../src/notebook/sweep/runSweep';
import { loadDataCell, type DataCellSpec } from '../src/sources/loadSource';
import type { BenchResult } from './node';

const TRIALS = 32;
/** The issue's goal for the orchestration overhead per trial. */
const OVERHEAD_GOAL = { maxMs: 50, maxFraction: 0.02 };

function sweepNotebook(trials: number, epochs: number, seed: number) {
  return parseNotebook({
    schema: 'crypto-forecast-lab/notebook',
    version: 1,
    title: 'sweep bench',
    seed: 1,
    cells: [
      { id: 'data', kind: 'data', source: { type: 'demo', seed: 3, bars: 900 } },
      { id: 'features', kind: 'features', features: [{ name: 'logReturn' }, { name: 'rsi', period: 14 }], target: { type: 'logReturn', horizon: 1 } },
      { id: 'model', kind: 'model', model: { type: 'lstm', units: 8, lookback: 8, recurrentActivation: 'sigmoid' }, training: { epochs, batchSize: 64, learningRate: 0.01 } },
      { id: 'walkforward', kind: 'walkforward', mode: 'rolling', trainSize: 200, testSize: 60, step: 60 },
      { id: 'backtest', kind: 'backtest', rule: 'long-flat', feeBps: 10 },
      { id: 'sweep', kind: 'sweep', search: 'random', trials, seed, parameters: { 'model.units': [4, 8, 12, 16], 'training.learningRate': { min: 0.0005, max: 0.02, scale: 'log' } } },
    ],
  });
}

const notebook = sweepNotebook(TRIALS, 8, 1);

const loadData = (data: DataCellSpec) => loadDataCell(data, { readCsvText: () => Promise.reject(new Error('no CSV in the sweep bench')) });

/** Wraps a runner to collect each trial's own run time (inside its thread). */
function timed(runner: TrialRunner) {
  const trialMs: number[] = [];
  return {
    trialMs,
    runner: {
      async run(...args: Parameters<TrialRunner['run']>) {
        const outcome = await runner.run(...args);
        trialMs.push(outcome.ms);
        return outcome;
      },
    } satisfies TrialRunner,
  };
}

async function measure(name: string, runner: TrialRunner, log: (line: string) => void, workers: number): Promise<Measured> {
  // Start-up (threads and sandboxed processes loading the code, first kernels) is timed apart:
  // a short sweep of other trials gives every worker one before the measured sweep starts.
  const warming = performance.now();
  await runSweep(sweepNotebook(2 * workers, 1, 99), { env: { loadData }, runner, backend: 'cpu' });
  const startupMs = performance.now() - warming;
  const probe = timed(runner);
  const started = performance.now();
  const report = await runSweep(notebook, { env: { loadData }, runner: probe.runner, backend: 'cpu' });
  const wallMs = performance.now() - started;
  const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / Math.max(1, xs.length);
  // Worker time not spent inside a trial, per trial run: planning, data hashes, messages, queueing,
  // and workers idle while the last trials and the single hold-out run finish.
  const overhead = (wallMs * workers - probe.trialMs.reduce((a, b) => a + b, 0)) / probe.trialMs.length;
  log(`sweep ${name}: ${report.trials.length} trials + hold-out in ${(wallMs / 1000).toFixed(1)} s; per-trial overhead ${overhead.toFixed(1)} ms on ${mean(probe.trialMs).toFixed(0)} ms trials (start-up ${(startupMs / 1000).toFixed(1)} s apart)`);
  return {
    name: `sweep ${TRIALS} trials: ${name}`,
    value: wallMs / 1000,
    unit: 's',
    wallMs,
    detail: {
      workers,
      trials: report.trials.length,
      runs: probe.trialMs.length,
      perTrialOverheadMs: overhead,
      meanTrialMs: mean(probe.trialMs),
      overheadFraction: overhead / mean(probe.trialMs),
      startupMs,
      overheadGoal: { ...OVERHEAD_GOAL, met: overhead <= OVERHEAD_GOAL.maxMs && overhead / mean(probe.trialMs) <= OVERHEAD_GOAL.maxFraction },
      cores: availableParallelism(),
      // Other processes on the machine: with a load above the cores, parallel trials share them.
      loadAverage1m: loadavg()[0],
    },
  };
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

/** BullMQ with 2 worker processes on a throwaway redis-server (skipped, saying why, when redis-server or ioredis is missing). */
type Measured = BenchResult & { wallMs: number };

/** The JSON entry of a benchmark that could not run here: its name, and why. */
function skipped(reason: string, log: (line: string) => void): BenchResult {
  log(`sweep on BullMQ skipped: ${reason}`);
  return { name: `sweep ${TRIALS} trials: BullMQ, 2 worker processes`, value: 0, unit: 'skipped', detail: { skipped: reason } };
}

async function queueBenchmark(notebookPath: string, log: (line: string) => void): Promise<Measured | BenchResult> {
  if (!existsSync('/usr/bin/redis-server')) return skipped('/usr/bin/redis-server is missing (Debian package redis-server)', log);
  const port = await freePort();
  const url = `redis://127.0.0.1:${port}`;
  const redis = spawn('/usr/bin/redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], { stdio: 'ignore' });
  const workers: ReturnType<typeof spawn>[] = [];
  try {
    for (let attempt = 0; ; attempt++) {
      try {
        await checkRedis(url, 500);
        break;
      } catch (error) {
        if (attempt > 40 || (error instanceof Error && error.message.includes('ioredis'))) throw error;
        await new Promise((r) => setTimeout(r, 100));
      }
    }
    for (let i = 0; i < 2; i++) {
      const worker = spawn('npx', ['tsx', 'src/cli/main.ts', 'worker', '--queue', url, '--backend', 'cpu', '--quiet'], { cwd: join(import.meta.dirname, '..'), detached: true, stdio: 'ignore' });
      workers.push(worker);
    }
    const runner = await createQueueRunner(url, { notebookPath, dataDirs: [], backend: 'cpu' });
    try {
      return await measure('BullMQ, 2 worker processes', runner, log, 2);
    } finally {
      await runner.close();
    }
  } catch (error) {
    return skipped(error instanceof Error ? error.message : String(error), log);
  } finally {
    for (const worker of workers) {
      try {
        process.kill(-worker.pid!, 'SIGKILL');
      } catch {
        // already gone
      }
    }
    redis.kill('SIGKILL');
  }
}

export async function sweepBenchmarks(log: (line: string) => void): Promise<BenchResult[]> {
  const sequential = await measure('local sequential', createLocalTrialRunner(() => ({ executor: createLocalExecutor('cpu'), loadData, versions: { bench: '1' }, cache: createMemoryCache() })), log, 1);
  const dir = mkdtempSync(join(tmpdir(), 'cfl-sweep-bench-'));
  const notebookPath = join(dir, 'notebook.json');
  writeFileSync(notebookPath, JSON.stringify(notebook));
  const workers = Math.max(2, availableParallelism() - 1);
  const threads = createThreadRunner({ notebookPath, dataDirs: [], backend: 'cpu' }, workers);
  try {
    const parallel = await measure(`local worker threads (${workers})`, threads, log, workers);
    parallel.detail = { ...parallel.detail, speedupOverSequential: sequential.wallMs / parallel.wallMs };
    const queued = await queueBenchmark(notebookPath, log);
    if ('wallMs' in queued) queued.detail = { ...queued.detail, speedupOverSequential: sequential.wallMs / queued.wallMs };
    return [sequential, parallel, queued].map((result) => {
      if (!('wallMs' in result)) return result;
      const { wallMs: _wallMs, ...shown } = result;
      return shown;
    });
  } finally {
    await threads.close();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  process.stdout.write(`${JSON.stringify(await sweepBenchmarks((line) => process.stderr.write(`${line}\n`)), null, 2)}\n`);
}
