/**
 * Executor.inputGradients, predictOutput, attentionWeights and recurrentStates across the worker boundary (the real compute API on a MessageChannel):
 * the pool answers what the in-thread executor answers, reports progress per chunk, keeps the
 * caller's windows, and stops when cancelled.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { ModelSpecInput } from '../core/executor';
import { createLocalExecutor } from '../ml/localExecutor';
import { FAST_TRAINING, LOOKBACK, plantedWindows } from '../ml/testFixtures.testkit';
import { createFakeSpawner } from './fakeComputeWorker.testkit';
import { createWorkerPool } from './workerPool';

const GRU: ModelSpecInput = { type: 'gru', lookback: LOOKBACK, units: 4 };
const TRAINING = { ...FAST_TRAINING, epochs: 1 };

const { spawner, terminateAll } = createFakeSpawner();
afterEach(terminateAll);

describe('inputGradients through the worker pool', () => {
  it('equals the in-thread executor, reports progress per chunk and leaves the windows with the caller', async () => {
    const pool = createWorkerPool('cpu', { size: 1, spawnWorker: spawner(), cache: null });
    const local = createLocalExecutor('cpu');
    try {
      const [remote, here] = await Promise.all([pool.train(GRU, TRAINING, plantedWindows(64, 1)), local.train(GRU, TRAINING, plantedWindows(64, 1))]);
      // 300 windows: three chunks of the fused engine's 128 rows.
      const test = plantedWindows(300, 2);
      const seen: number[] = [];
      const got = await pool.inputGradients(remote, test, { onProgress: (p) => seen.push(p.done) });
      expect(test.x.length).toBe(300 * LOOKBACK * 2);
      expect(Array.from(got)).toEqual(Array.from(await local.inputGradients(here, test)));
      await expect.poll(() => seen).toEqual([128, 256, 300]);
      expect(Array.from(await pool.predictOutput(remote, test))).toEqual(Array.from(await local.predictOutput(here, test)));
      await pool.release(remote);
    } finally {
      pool.terminate();
      local.dispose();
    }
  });

  it('attention weights come back as the in-thread executor computes them', async () => {
    const pool = createWorkerPool('cpu', { size: 1, spawnWorker: spawner(), cache: null });
    const local = createLocalExecutor('cpu');
    const spec: ModelSpecInput = { type: 'attention', lookback: LOOKBACK, dModel: 8, heads: 2, ffDim: 16, blocks: 1 };
    try {
      const [remote, here] = await Promise.all([pool.train(spec, TRAINING, plantedWindows(64, 1)), local.train(spec, TRAINING, plantedWindows(64, 1))]);
      const test = plantedWindows(5, 2);
      expect(Array.from(await pool.attentionWeights(remote, test))).toEqual(Array.from(await local.attentionWeights(here, test)));
    } finally {
      pool.terminate();
      local.dispose();
    }
  });

  it('recurrent states (the gates view) come back as the in-thread executor computes them', async () => {
    const pool = createWorkerPool('cpu', { size: 1, spawnWorker: spawner(), cache: null });
    const local = createLocalExecutor('cpu');
    try {
      const [remote, here] = await Promise.all([pool.train(GRU, TRAINING, plantedWindows(64, 1)), local.train(GRU, TRAINING, plantedWindows(64, 1))]);
      const test = plantedWindows(3, 2);
      const got = await pool.recurrentStates(remote, test);
      // 3 windows x (update, reset, candidate, hidden) x lookback x 4 units.
      expect(got.length).toBe(3 * 4 * LOOKBACK * 4);
      expect(Array.from(got)).toEqual(Array.from(await local.recurrentStates(here, test)));
    } finally {
      pool.terminate();
      local.dispose();
    }
  });

  it('rejects with CancelledError when the caller cancels mid-way', async () => {
    const pool = createWorkerPool('cpu', { size: 1, spawnWorker: spawner(), cache: null });
    try {
      const handle = await pool.train(GRU, TRAINING, plantedWindows(64, 1));
      const controller = new AbortController();
      const call = pool.inputGradients(handle, plantedWindows(1000, 3), { signal: controller.signal, onProgress: () => controller.abort() });
      await expect(call).rejects.toMatchObject({ name: 'CancelledError' });
    } finally {
      pool.terminate();
    }
  });
});
