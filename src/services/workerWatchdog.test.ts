/**
 * A dead or stuck compute worker never freezes a run (issue 14 item 1): the pool's workers are
 * the in-thread fakes of fakeComputeWorker.testkit.ts, speaking the real protocol (comlink and
 * the heartbeat of workers/computeApi.ts). Cases listed in test/corpus/workers/README.md.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { CancelledError, type ModelSpecInput } from '../core/executor';
import { FAST_TRAINING, LOOKBACK, plantedWindows } from '../ml/testFixtures.testkit';
import { createFakeSpawner, type createFakeWorker } from './fakeComputeWorker.testkit';
import { createWorkerPool } from './workerPool';
import { WORKER_SILENT_ERROR } from './workerSession';

const LSTM: ModelSpecInput = { type: 'lstm', lookback: LOOKBACK, units: 4, recurrentActivation: 'sigmoid' };
const TRAINING = { ...FAST_TRAINING, epochs: 1 };
const BUDGET_MS = 1000;

const { fakes, spawner, terminateAll } = createFakeSpawner();
afterEach(terminateAll);
const never = <T>(): Promise<T> => new Promise<T>(() => undefined);
const pool = (patch: Parameters<typeof createFakeWorker>[0], silenceBudgetMs = BUDGET_MS) =>
  createWorkerPool('cpu', { size: 1, spawnWorker: spawner(patch), cache: null, silenceBudgetMs });
const elapsedSince = (start: number) => performance.now() - start;

async function rejectionOf(promise: Promise<unknown>): Promise<Error> {
  try {
    await promise;
  } catch (err) {
    if (err instanceof Error) return err;
    throw new Error(`rejected with a non-Error: ${String(err)}`);
  }
  throw new Error('expected a rejection, got a result');
}

/** The message names the worker, the call, how long it was silent and what to do. */
const SILENT_TRAIN =
  /^compute worker 1 \(cpu\) stopped responding: nothing heard from it for \d+\.\d s \(limit 1\.0 s\) while it was running train lstm \(64 windows\); it was stopped and a new worker starts with the next call\. Press Run to try again/;

describe('the watchdog stops a silent worker, rejects its calls within 2 s of the deadline, and the pool replaces it', () => {
  it('(a) a worker stuck in a loop during train', async () => {
    const p = pool((_api, fake) => ({
      train: () => {
        fake.hang();
        return never();
      },
    }));
    const started = performance.now();
    const err = await rejectionOf(p.train(LSTM, TRAINING, plantedWindows(64, 1)));
    const waited = elapsedSince(started);
    expect(err.name).toBe(WORKER_SILENT_ERROR);
    expect(err.message).toMatch(SILENT_TRAIN);
    expect(waited).toBeGreaterThan(BUDGET_MS);
    expect(waited).toBeLessThan(BUDGET_MS + 2000);
    expect(fakes[0]!.terminated).toBe(true);
    const handle = await p.train(LSTM, TRAINING, plantedWindows(64, 2));
    expect(fakes).toHaveLength(2);
    expect(p.workers()).toBe(1);
    expect(await p.predict(handle, plantedWindows(5, 3))).toHaveLength(5);
    p.terminate();
  });

  it('(b) a worker that calls self.close() during train', async () => {
    const p = pool((_api, fake) => ({
      train: () => {
        fake.selfClose();
        return never();
      },
    }));
    const started = performance.now();
    const err = await rejectionOf(p.train(LSTM, TRAINING, plantedWindows(64, 1)));
    expect(elapsedSince(started)).toBeLessThan(BUDGET_MS + 2000);
    expect(err.message).toMatch(SILENT_TRAIN);
    expect(fakes[0]!.terminated).toBe(true);
    await expect(p.train(LSTM, TRAINING, plantedWindows(64, 2))).resolves.toMatchObject({ backend: 'cpu' });
    p.terminate();
  });

  it('(b) a worker that closed itself while idle is not judged until asked, then its call rejects', async () => {
    const p = pool(() => ({}));
    const handle = await p.train(LSTM, TRAINING, plantedWindows(64, 1));
    fakes[0]!.selfClose();
    // No call pending: silence alone (a throttled timer, say) stops nothing.
    await new Promise((r) => setTimeout(r, BUDGET_MS * 1.5));
    expect(fakes[0]!.terminated).toBe(false);
    const err = await rejectionOf(p.predict(handle, plantedWindows(5, 2)));
    expect(err.message).toMatch(/^compute worker 1 \(cpu\) stopped responding: .* while it was running predict \(5 windows\);/);
    expect(fakes[0]!.terminated).toBe(true);
    await expect(p.train(LSTM, TRAINING, plantedWindows(64, 3))).resolves.toMatchObject({ backend: 'cpu' });
    p.terminate();
  });

  it('(c) a worker script that throws while loading: the error event rejects the call at once', async () => {
    const p = pool((_api, fake) => {
      fake.failLoad();
      return {};
    });
    const started = performance.now();
    await expect(p.train(LSTM, TRAINING, plantedWindows(64, 1))).rejects.toThrow(
      'the compute worker crashed: the worker script failed to load or threw; press Run to restart',
    );
    expect(elapsedSince(started)).toBeLessThan(BUDGET_MS);
    expect(fakes[0]!.terminated).toBe(true);
    await expect(p.train(LSTM, TRAINING, plantedWindows(64, 2))).resolves.toMatchObject({ backend: 'cpu' });
    p.terminate();
  });

  it('(c) a worker script that never finishes loading and fires no error: stopped after the budget', async () => {
    const p = pool((_api, fake) => {
      fake.hang();
      return {};
    });
    const started = performance.now();
    const err = await rejectionOf(p.train(LSTM, TRAINING, plantedWindows(64, 1)));
    expect(elapsedSince(started)).toBeLessThan(BUDGET_MS + 2000);
    expect(err.message).toMatch(/^compute worker 1 \(starting\) stopped responding: .* while it was running start-up \(choosing the backend\);/);
    await expect(p.train(LSTM, TRAINING, plantedWindows(64, 2))).resolves.toMatchObject({ backend: 'cpu' });
    p.terminate();
  });

  it('work that outlasts the budget is never stopped while its batches beat', async () => {
    // The real training, again and again, for three budgets: one call that long.
    const p = pool((api) => ({
      train: async (model, training, data, onProgress, jobId) => {
        const until = performance.now() + 3 * BUDGET_MS;
        let handle = await api.train(model, training, data, onProgress, jobId);
        while (performance.now() < until) handle = await api.train(model, training, data, onProgress, jobId);
        return handle;
      },
    }));
    const started = performance.now();
    await p.train(LSTM, { ...TRAINING, epochs: 20 }, plantedWindows(64, 1));
    expect(elapsedSince(started)).toBeGreaterThan(3 * BUDGET_MS);
    expect(fakes).toHaveLength(1);
    expect(fakes[0]!.terminated).toBe(false);
    p.terminate();
  });
});

describe('Cancel', () => {
  it('rejects at once, and terminates a worker that has not stopped within 1 s; the next train runs on a new one', async () => {
    const p = pool((_api, fake) => ({
      train: () => {
        fake.hang();
        return never();
      },
    }));
    const controller = new AbortController();
    const training = p.train(LSTM, TRAINING, plantedWindows(64, 1), { signal: controller.signal });
    await expect.poll(() => fakes[0]?.api !== undefined).toBe(true);
    await new Promise((r) => setTimeout(r, 50));
    const cancelledAt = performance.now();
    controller.abort();
    await expect(training).rejects.toBeInstanceOf(CancelledError);
    expect(elapsedSince(cancelledAt)).toBeLessThan(200);
    expect(fakes[0]!.terminated).toBe(false);
    await expect.poll(() => fakes[0]!.terminated, { timeout: 3000, interval: 20 }).toBe(true);
    const stoppedAfter = elapsedSince(cancelledAt);
    expect(stoppedAfter).toBeGreaterThanOrEqual(990);
    // Well before the silence budget: it was Cancel that stopped it.
    expect(stoppedAfter).toBeLessThan(BUDGET_MS * 3);
    await expect(p.train(LSTM, TRAINING, plantedWindows(64, 2))).resolves.toMatchObject({ backend: 'cpu' });
    expect(fakes).toHaveLength(2);
    p.terminate();
  }, 10_000);

  it('keeps a worker that stops at its next batch end', async () => {
    const p = createWorkerPool('cpu', { size: 1, spawnWorker: spawner(), cache: null, silenceBudgetMs: 10 * BUDGET_MS });
    const controller = new AbortController();
    const training = p.train(LSTM, { ...TRAINING, epochs: 1000 }, plantedWindows(64, 1), {
      signal: controller.signal,
      onProgress: () => controller.abort(),
    });
    await expect(training).rejects.toBeInstanceOf(CancelledError);
    await new Promise((r) => setTimeout(r, 1500));
    expect(fakes[0]!.terminated).toBe(false);
    await expect(p.train(LSTM, TRAINING, plantedWindows(64, 2))).resolves.toMatchObject({ backend: 'cpu' });
    expect(fakes).toHaveLength(1);
    p.terminate();
  }, 10_000);
});
