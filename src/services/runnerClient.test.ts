import 'fake-indexeddb/auto';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { BackendInfo } from '../core/executor';
import { parseNotebookJson } from '../notebook/parse';
import { runReportSchema } from '../notebook/report';
import type { RunProgress } from '../notebook/runState';
import type { NotebookDoc } from '../notebook/schema';
import { createBackendCache } from './backendCache';
import type { DatasetView } from './datasetView';
import { createRunnerClient, type RunnerClient } from './runnerClient';
import { createFakeRunner, type FakeRunner } from './runnerWorker.testkit';

const root = resolve(__dirname, '../..');
const tiny = parseNotebookJson(readFileSync(join(root, 'public/notebooks/tiny.json'), 'utf8'));
/** The tiny notebook trained long enough to be cancelled or crashed mid-training. */
const longer: NotebookDoc = {
  ...tiny,
  cells: tiny.cells.map((c) => (c.kind === 'model' ? { ...c, training: { ...c.training, epochs: 200, batchSize: 8 } } : c)),
};

const runners: FakeRunner[] = [];
const clients: RunnerClient[] = [];
let dbCount = 0;
afterEach(async () => {
  for (const c of clients.splice(0)) c.terminate();
  for (const r of runners.splice(0)) {
    r.db.close();
    await r.db.delete();
  }
});

function client(options: { cache?: ReturnType<typeof createBackendCache> | null } = {}) {
  const name = `runner-test-${++dbCount}`;
  const made = createRunnerClient({
    workers: 1,
    cache: options.cache ?? null,
    spawn: () => {
      const fake = createFakeRunner(name);
      runners.push(fake);
      return fake.worker;
    },
  });
  clients.push(made);
  return made;
}

function recorder(signal = new AbortController().signal) {
  const seen = { progress: [] as RunProgress[], backends: [] as BackendInfo[], datasets: [] as DatasetView[] };
  return {
    seen,
    calls: {
      signal,
      onProgress: (p: RunProgress) => void seen.progress.push(p),
      onBackend: (b: BackendInfo) => void seen.backends.push(b),
      onDataset: (d: DatasetView) => void seen.datasets.push(d),
    },
  };
}

const until = async (check: () => boolean, what: string, ms = 30_000) => {
  const started = Date.now();
  while (!check()) {
    if (Date.now() - started > ms) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
};

describe('the runner worker client', () => {
  it('runs a notebook in the runner, streams progress, backend and dataset, stores the run and restores it', async () => {
    const runner = client();
    const { seen, calls } = recorder();
    const done = await runner.run('tiny', tiny, 'cpu', calls);
    expect(runReportSchema.safeParse(done.report).success).toBe(true);
    expect(done.report.backend.name).toBe('cpu');
    expect(done.report.versions).toEqual({ app: 'test' });
    expect(done.storageWarning).toBeNull();
    expect(done.series.forecast.predicted).toHaveLength(done.report.metrics.n);
    // The model trained in a compute worker the runner started, not in the runner itself.
    expect(runners).toHaveLength(1);
    expect(runners[0]!.computeWorkers.length).toBeGreaterThanOrEqual(1);
    expect(seen.backends[0]).toMatchObject({ backend: 'cpu' });
    expect(seen.datasets).toHaveLength(1);
    expect(seen.datasets[0]).toMatchObject({ hash: done.report.data.hash, rows: done.report.data.rows });
    expect(seen.datasets[0]!.candles.close).toHaveLength(done.report.data.rows);
    const cells = new Set(seen.progress.map((p) => p.cellId));
    expect(cells).toEqual(new Set(['data', 'features', 'model', 'walkforward', 'backtest']));
    // Epoch ends reach the page (the loss curves are drawn from them).
    expect(seen.progress.some((p) => p.train && p.train.batch === p.train.batches)).toBe(true);

    const restored = await runner.restore('tiny');
    expect(restored?.report).toEqual(done.report);
    expect(restored?.createdAt).toBe(done.createdAt);
    expect(restored?.dataset?.hash).toBe(done.report.data.hash);
    expect(await runner.restore('never-run')).toBeNull();
  }, 60_000);

  it('runs a selection of cells (Shift+Enter): the runner keys only the cells it ran', async () => {
    const runner = client();
    const { calls } = recorder();
    const pipeline = ['data', 'features', 'model', 'walkforward', 'backtest'];
    const focused = await runner.run('tiny', tiny, 'cpu', { ...calls, cells: pipeline });
    expect(Object.keys(focused.report.cache?.keys ?? {})).toEqual(pipeline);
    const whole = await runner.run('tiny', tiny, 'cpu', calls);
    expect(Object.keys(whole.report.cache?.keys ?? {})).toEqual(['intro', ...pipeline]);
    expect(whole.report.cache?.folds).toEqual(['hit']);
  }, 60_000);

  it("'auto' starts from the page's cached backend decision, lent to the runner worker", async () => {
    const items = new Map<string, string>();
    const storage = { getItem: (k: string) => items.get(k) ?? null, setItem: (k: string, v: string) => void items.set(k, v) };
    const cache = createBackendCache(storage, async () => 'test device');
    await cache.put({ backend: 'cpu', reason: 'auto: measured one training batch: cpu 5 ms → cpu', measurements: [{ backend: 'cpu', ms: 5 }] });
    const runner = client({ cache });
    const { seen, calls } = recorder();
    const done = await runner.run('tiny', tiny, 'auto', calls);
    expect(done.report.backend).toMatchObject({ name: 'cpu', reason: 'auto (measured earlier on this device): measured one training batch: cpu 5 ms → cpu' });
    expect(seen.backends[0]?.reason).toMatch(/^auto \(measured earlier on this device\)/);
  }, 60_000);

  it('cancel rejects at once with CancelledError, stops the work in the runner, and the next run works', async () => {
    const runner = client();
    const controller = new AbortController();
    const { seen, calls } = recorder(controller.signal);
    const run = runner.run('tiny', longer, 'cpu', calls);
    await until(() => seen.progress.some((p) => p.train !== undefined), 'training progress');
    controller.abort();
    await expect(run).rejects.toMatchObject({ name: 'CancelledError' });
    const again = await runner.run('tiny', tiny, 'cpu', recorder().calls);
    expect(again.report.folds).toHaveLength(1);
    expect(runners).toHaveLength(1);
    // Nothing was stored for the cancelled run: the restored run is the one that finished.
    expect((await runner.restore('tiny'))?.createdAt).toBe(again.createdAt);
  }, 60_000);

  it('a crashed runner rejects the run with a clear error, and the next run starts a new runner', async () => {
    const runner = client();
    const { seen, calls } = recorder();
    const run = runner.run('tiny', longer, 'cpu', calls);
    await until(() => seen.progress.some((p) => p.train !== undefined), 'training progress');
    runners[0]!.crash('killed by the test');
    await expect(run).rejects.toThrow('the runner worker crashed: killed by the test; press Run to restart');
    expect(runners[0]!.terminated).toBe(true);
    expect(runners[0]!.computeWorkers.every((w) => w.terminated)).toBe(true);
    const again = await runner.run('tiny', tiny, 'cpu', recorder().calls);
    expect(again.report.folds).toHaveLength(1);
    expect(runners).toHaveLength(2);
  }, 60_000);

  it('rejects a notebook that fails its schema with the path of the problem', async () => {
    const runner = client();
    const broken: NotebookDoc = { ...tiny, cells: tiny.cells.map((c) => (c.kind === 'model' ? { ...c, model: { ...c.model, units: -3 } } : c)) };
    await expect(runner.run('tiny', broken, 'cpu', recorder().calls)).rejects.toThrow(/invalid notebook: cells\[3\]\.model\.units/);
  });
});
