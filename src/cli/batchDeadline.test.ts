/**
 * The per-call deadline on the CLI's own thread (issue 14 item 1, test/corpus/workers/README.md
 * "The CLI"): the real local executor, stalled as in the e2e test by an event-loop yield that
 * never comes back (every trainer yields through setImmediate in Node after each batch).
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { CancelledError, type ModelSpecInput } from '../core/executor';
import { createLocalExecutor } from '../ml/localExecutor';
import { FAST_TRAINING, LOOKBACK, plantedWindows } from '../ml/testFixtures.testkit';
import { withBatchDeadline } from './batchDeadline';

const LSTM: ModelSpecInput = { type: 'lstm', lookback: LOOKBACK, units: 4, recurrentActivation: 'sigmoid' };
const DEADLINE_MS = 400;

afterEach(() => void vi.unstubAllGlobals());

describe('withBatchDeadline (CLI)', () => {
  it('a training whose next batch never comes rejects after the deadline, naming it', async () => {
    const local = createLocalExecutor('cpu');
    const executor = withBatchDeadline(local, DEADLINE_MS);
    let batches = 0;
    const training = executor.train(LSTM, { ...FAST_TRAINING, epochs: 50 }, plantedWindows(256, 1), {
      onProgress: () => {
        // After the first batch the trainer's yield to the event loop never returns.
        if (++batches === 1) vi.stubGlobal('setImmediate', () => undefined);
      },
    });
    const started = performance.now();
    await expect(training).rejects.toThrow(
      /^training lstm \(256 windows\) made no progress: no batch finished in 0\.\d s \(limit 0\.4 s\); it was abandoned\. Run again; if it happens again, make the model or batch smaller or choose another --backend$/,
    );
    expect(performance.now() - started).toBeLessThan(DEADLINE_MS + 2000);
    expect(batches).toBe(1);
    local.dispose();
  });

  it('a training that runs for many deadlines is never stopped while its batches finish', async () => {
    const local = createLocalExecutor('cpu');
    const executor = withBatchDeadline(local, DEADLINE_MS);
    const started = performance.now();
    // 3 ms more per batch: 480 batches take over 1.4 s on any machine, each far under the deadline.
    const spin = () => {
      const until = performance.now() + 3;
      while (performance.now() < until);
    };
    const handle = await executor.train(LSTM, { ...FAST_TRAINING, epochs: 15, batchSize: 8, validationFraction: 0 }, plantedWindows(256, 2), { onProgress: spin });
    expect(performance.now() - started).toBeGreaterThan(3 * DEADLINE_MS);
    expect(await executor.predict(handle, plantedWindows(5, 3))).toHaveLength(5);
    local.dispose();
  }, 60_000);

  it('Ctrl-C (the outer signal) still cancels', async () => {
    const local = createLocalExecutor('cpu');
    const controller = new AbortController();
    const training = withBatchDeadline(local, 60_000).train(LSTM, { ...FAST_TRAINING, epochs: 500 }, plantedWindows(256, 4), {
      signal: controller.signal,
      onProgress: () => controller.abort(),
    });
    await expect(training).rejects.toBeInstanceOf(CancelledError);
    local.dispose();
  });
});
