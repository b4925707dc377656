import { afterEach, describe, expect, it, vi } from 'vitest';
import type { LstmSpec } from '../src/core/executor';
import { FAST_TRAINING, LOOKBACK, plantedWindows } from '../src/ml/testFixtures.testkit';
import { createComputeApi, HEARTBEAT_EVERY_MS, type WorkerNote } from './computeApi';

const LSTM: LstmSpec = { type: 'lstm', lookback: LOOKBACK, units: 4, recurrentActivation: 'sigmoid' };

afterEach(() => void vi.useRealTimers());

describe('the compute worker heartbeat', () => {
  it('beats from the training loop itself, where a busy thread runs no timer', async () => {
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval'] });
    const notes: WorkerNote[] = [];
    const api = createComputeApi({ post: (note) => notes.push(note) });
    try {
      expect(notes).toEqual([{ type: 'heartbeat' }]); // loaded
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
