import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import type { ModelSpecInput, WindowedData } from '../src/core/executor';
import { FAST_TRAINING, LOOKBACK, plantedWindows } from '../src/ml/testFixtures.testkit';
import { createComputeApi, HEARTBEAT_EVERY_MS, type WorkerNote } from './computeApi';

const api = createComputeApi({ post: () => undefined });
afterAll(() => api.dispose());

const data: WindowedData = { x: new Float32Array(8 * 4 * 2), y: new Float32Array(8), n: 8, lookback: 4, features: 2, horizon: 1 };
const training = { epochs: 1, batchSize: 4, learningRate: 0.01, seed: 1 };

describe('the compute worker checks every model spec with its declaration', () => {
  it('rejects a bad spec before training, naming the field by its path', async () => {
    await api.init('cpu');
    await expect(api.train({ type: 'lstm', lookback: 4, units: 0 }, training, data, undefined, 'bad-units')).rejects.toThrow(
      'model.units: Too small: expected number to be >=1',
    );
    const members = [{ type: 'ridge' as const, lookback: 3 }];
    await expect(api.train({ type: 'ensemble', lookback: 4, members }, training, data, undefined, 'bad-member')).rejects.toThrow(
      "model.members[0].lookback: must equal the ensemble's lookback 4",
    );
    await expect(api.train({ type: 'ridge', lookback: 4 }, { ...training, learningRate: 2 }, data, undefined, 'bad-lr')).rejects.toThrow(
      'training.learningRate: Too big: expected number to be <=1',
    );
  });

  it('fills the defaults of a valid spec and trains it', async () => {
    const handle = await api.train({ type: 'ridge', lookback: 4 }, training, data, undefined, 'ok');
    expect(handle.backend).toBe('cpu');
    await api.release(handle);
  });
});

const LSTM: ModelSpecInput = { type: 'lstm', lookback: LOOKBACK, units: 4, recurrentActivation: 'sigmoid' };

afterEach(() => void vi.useRealTimers());

describe('the compute worker heartbeat', () => {
  it('beats from the training loop itself, where a busy thread runs no timer', async () => {
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval'] });
    const notes: WorkerNote[] = [];
    const api = createComputeApi({ post: (note) => notes.push(note) });
    try {
      expect(notes).toEqual([{ type: 'heartbeat', batches: 0 }]); // loaded
      await api.init('cpu');
      const started = performance.now();
      let batches = 0;
      // Train again and again until a few heartbeat periods have passed; no timer ever fires.
      while (performance.now() - started < 4 * HEARTBEAT_EVERY_MS) {
        await api.train(LSTM, { ...FAST_TRAINING, epochs: 5 }, plantedWindows(64, 1), undefined, `job-${batches}`);
        batches++;
      }
      const elapsed = performance.now() - started;
      const beats = notes.filter((n) => n.type === 'heartbeat').length - 1;
      // At most one beat per half period (throttled), at least one per period of work.
      expect(beats).toBeGreaterThanOrEqual(Math.floor(elapsed / HEARTBEAT_EVERY_MS) - 1);
      expect(beats).toBeLessThanOrEqual(Math.ceil(elapsed / (HEARTBEAT_EVERY_MS / 2)) + 1);
      // Each beat carries the batches finished so far: it only grows, and it grew with the work.
      const counts = notes.flatMap((n) => (n.type === 'heartbeat' ? [n.batches] : []));
      expect(counts).toEqual([...counts].sort((a, b) => a - b));
      expect(counts.at(-1)).toBeGreaterThan(0);
    } finally {
      api.dispose();
    }
  });

  it('beats from a timer while idle, and stops when disposed', async () => {
    const notes: WorkerNote[] = [];
    const api = createComputeApi({ post: (note) => notes.push(note) });
    await new Promise((r) => setTimeout(r, 3.5 * HEARTBEAT_EVERY_MS));
    api.dispose();
    const beats = notes.length;
    expect(beats).toBeGreaterThanOrEqual(3);
    await new Promise((r) => setTimeout(r, 2 * HEARTBEAT_EVERY_MS));
    expect(notes).toHaveLength(beats);
  });
});
