/**
 * The per-call deadline (issue 14 item 1): a compute worker that still sends heartbeats but
 * finishes no training batch (an await that never settles) is stopped like a silent one. The
 * workers are the in-thread fakes of fakeComputeWorker.testkit.ts: the real compute API, whose
 * timer keeps beating while the staged call never returns. Listed in test/corpus/workers/README.md.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { ModelSpecInput } from '../core/executor';
import { FAST_TRAINING, LOOKBACK, plantedWindows } from '../ml/testFixtures.testkit';
import { createFakeSpawner, type createFakeWorker } from './fakeComputeWorker.testkit';
import { createWorkerPool } from './workerPool';
import { WORKER_SILENT_ERROR } from './workerSession';

const LSTM: ModelSpecInput = { type: 'lstm', lookback: LOOKBACK, units: 4, recurrentActivation: 'sigmoid' };
const TRAINING = { ...FAST_TRAINING, epochs: 1 };
const DEADLINE_MS = 1000;

const { fakes, spawner, terminateAll } = createFakeSpawner();
afterEach(terminateAll);
const never = <T>(): Promise<T> => new Promise<T>(() => undefined);
// The silence budget stays long: only the deadline can stop these workers.
const pool = (patch: Parameters<typeof createFakeWorker>[0]) =>
  createWorkerPool('cpu', { size: 1, spawnWorker: spawner(patch), cache: null, silenceBudgetMs: 60_000, batchDeadlineMs: DEADLINE_MS });

async function rejectionOf(promise: Promise<unknown>): Promise<Error> {
  try {
    await promise;
  } catch (err) {
    if (err instanceof Error) return err;
    throw new Error(`rejected with a non-Error: ${String(err)}`);
  }
  throw new Error('expected a rejection, got a result');
}

describe('a worker that beats but finishes no batch is stopped at the per-call deadline', () => {
  it('a train that never finishes a batch rejects within 2 s of the deadline, and the next train runs on a new worker', async () => {
    const p = pool(() => ({ train: () => never() }));
    const started = performance.now();
    const err = await rejectionOf(p.train(LSTM, TRAINING, plantedWindows(64, 1)));
    const waited = performance.now() - started;
    expect(err.name).toBe(WORKER_SILENT_ERROR);
    expect(err.message).toMatch(
      /^compute worker 1 \(cpu\) made no progress: no batch finished in \d+\.\d s \(limit 1\.0 s\) while it was running train lstm \(64 windows\), though it still sent heartbeats; it was stopped and a new worker starts with the next call\. Press Run to try again/,
    );
    expect(waited).toBeGreaterThan(DEADLINE_MS);
    expect(waited).toBeLessThan(DEADLINE_MS + 2000);
    expect(fakes[0]!.terminated).toBe(true);
    await expect(p.train(LSTM, TRAINING, plantedWindows(64, 2))).resolves.toMatchObject({ backend: 'cpu' });
    expect(fakes).toHaveLength(2);
    p.terminate();
  });

  it('a predict that never answers is held to the same deadline, counted from its own start', async () => {
    const p = pool(() => ({ predict: () => never() }));
    const handle = await p.train(LSTM, TRAINING, plantedWindows(64, 1));
    // Longer than the deadline since the last batch: the new call's clock starts now.
    await new Promise((r) => setTimeout(r, DEADLINE_MS * 1.5));
    expect(fakes[0]!.terminated).toBe(false);
    const started = performance.now();
    const err = await rejectionOf(p.predict(handle, plantedWindows(5, 2)));
    expect(performance.now() - started).toBeGreaterThan(DEADLINE_MS);
    expect(err.message).toMatch(/^compute worker 1 \(cpu\) made no progress: no batch finished in \d+\.\d s \(limit 1\.0 s\) while it was running predict \(5 windows\)/);
    expect(fakes[0]!.terminated).toBe(true);
    p.terminate();
  });

  it('one call that trains for three deadlines is never stopped while its batches finish', async () => {
    const p = pool((api) => ({
      train: async (model, training, data, onProgress, jobId) => {
        const until = performance.now() + 3 * DEADLINE_MS;
        let handle = await api.train(model, training, data, onProgress, jobId);
        while (performance.now() < until) handle = await api.train(model, training, data, onProgress, jobId);
        return handle;
      },
    }));
    const started = performance.now();
    await p.train(LSTM, { ...TRAINING, epochs: 20 }, plantedWindows(64, 1));
    expect(performance.now() - started).toBeGreaterThan(3 * DEADLINE_MS);
    expect(fakes).toHaveLength(1);
    expect(fakes[0]!.terminated).toBe(false);
    p.terminate();
  });
});
