import { afterEach, describe, expect, it } from 'vitest';
import type { BackendInfo, ModelSpecInput } from '../core/executor';
import { FAST_TRAINING, LOOKBACK, plantedWindows } from '../ml/testFixtures.testkit';
import { namedError } from '../ml/failures';
import { createBackendCache } from './backendCache';
import { createFakeSpawner } from './fakeComputeWorker.testkit';
import { createWorkerExecutor } from './workerExecutor';
import { createWorkerPool } from './workerPool';

const LSTM: ModelSpecInput = { type: 'lstm', lookback: LOOKBACK, units: 4, recurrentActivation: 'sigmoid' };
const TRAINING = { ...FAST_TRAINING, epochs: 1 };

const { fakes, spawner, terminateAll } = createFakeSpawner();
afterEach(terminateAll);
const memoryStorage = () => {
  const items = new Map<string, string>();
  return { getItem: (k: string) => items.get(k) ?? null, setItem: (k: string, v: string) => void items.set(k, v) };
};

describe('createWorkerPool', () => {
  it('trains concurrently on separate workers, transfers the data and predicts on the owning worker', async () => {
    const pool = createWorkerPool('cpu', { size: 2, spawnWorker: spawner(), cache: null, idleTimeoutMs: 50 });
    expect(pool.parallelism).toBe(2);
    const a = plantedWindows(64, 1);
    const b = plantedWindows(64, 2);
    const [ha, hb] = await Promise.all([pool.train(LSTM, TRAINING, a), pool.train(LSTM, TRAINING, b)]);
    expect(pool.workers()).toBe(2);
    // Transferred, not copied: the caller's buffers are detached.
    expect(a.x.length).toBe(0);
    expect(b.y.length).toBe(0);
    const test = plantedWindows(10, 3);
    const [pa, pb] = await Promise.all([pool.predict(ha, test), pool.predict(hb, test)]);
    expect(pa).toHaveLength(10);
    expect(pb).toHaveLength(10);
    expect(Array.from(pa)).not.toEqual(Array.from(pb));
    await pool.release(ha);
    await pool.release(hb);
    await new Promise((r) => setTimeout(r, 150));
    expect(pool.workers()).toBe(0);
    expect(fakes.every((f) => f.terminated)).toBe(true);
    pool.terminate();
  });

  it('queues a third training until a worker is idle', async () => {
    const pool = createWorkerPool('cpu', { size: 2, spawnWorker: spawner(), cache: null });
    const handles = await Promise.all([1, 2, 3].map((seed) => pool.train(LSTM, TRAINING, plantedWindows(64, seed))));
    expect(new Set(handles.map((h) => h.id)).size).toBe(3);
    expect(fakes).toHaveLength(2);
    pool.terminate();
  });

  it("'auto' measures once in the first worker, caches it, and later workers start from the decision", async () => {
    const storage = memoryStorage();
    const cache = createBackendCache(storage, async () => 'test device');
    const pool = createWorkerPool('auto', { size: 2, spawnWorker: spawner(), cache });
    const info = await pool.backend();
    expect(info.reason).toMatch(/^auto: measured one training batch: .*\d+ ms.* → (wasm|cpu)/);
    expect(await cache.get()).toEqual({ backend: info.backend, reason: expect.stringMatching(/^auto \(measured earlier on this device\): measured/) });
    await Promise.all([1, 2].map((seed) => pool.train(LSTM, TRAINING, plantedWindows(64, seed))));
    expect(fakes).toHaveLength(2);
    expect(await fakes[1]!.api.backend()).toEqual({ backend: info.backend, reason: info.reason });
    pool.terminate();

    // A new page on the same device: no probe, the cached reason.
    const again = createWorkerPool('auto', { size: 1, spawnWorker: spawner(), cache });
    expect((await again.backend()).reason).toMatch(/^auto \(measured earlier on this device\)/);
    again.terminate();
  });
});

describe('createWorkerExecutor falls back on the next backend', () => {
  it('a lost GPU device rejects the pending train promptly and it continues on wasm', async () => {
    const seen: BackendInfo[] = [];
    const executor = createWorkerExecutor('webgpu', {
      cache: null,
      spawnWorker: spawner((_api, fake) => ({
        init: async () => ({ backend: 'webgpu', reason: 'forced: a pretend GPU' }),
        train: () => {
          setTimeout(() => fake.loseDevice('the GPU device was lost (destroyed: by the test)'), 20);
          return new Promise(() => undefined); // hangs, as a destroyed device may
        },
      })),
    });
    executor.onBackend((info) => seen.push(info));
    const started = performance.now();
    const handle = await executor.train(LSTM, TRAINING, plantedWindows(64, 1));
    expect(performance.now() - started).toBeLessThan(10_000);
    expect(handle.backend).toBe('wasm');
    expect(fakes[0]!.terminated).toBe(true);
    expect(seen.map((i) => i.backend)).toEqual(['webgpu', 'wasm']);
    expect(seen[1]!.reason).toMatch(/^the GPU device was lost \(destroyed: by the test\); continued on wasm \(wasm/);
    expect(await executor.predict(handle, plantedWindows(5, 2))).toHaveLength(5);
    executor.terminate();
  });

  it('a GPU device lost while auto is measuring the backend continues the call on wasm', async () => {
    const seen: BackendInfo[] = [];
    const executor = createWorkerExecutor('auto', {
      cache: null,
      spawnWorker: spawner((api, fake) => ({
        init: (pref, options) => {
          if (pref !== 'auto') return api.init(pref, options);
          setTimeout(() => fake.loseDevice('the GPU device was lost (unknown: A valid external Instance reference no longer exists.)'), 20);
          return new Promise(() => undefined); // the measurement never ends on a lost device
        },
      })),
    });
    executor.onBackend((info) => seen.push(info));
    const handle = await executor.train(LSTM, TRAINING, plantedWindows(64, 1));
    expect(handle.backend).toBe('wasm');
    expect(fakes[0]!.terminated).toBe(true);
    expect(seen.map((i) => i.backend)).toEqual(['wasm']);
    expect(seen[0]!.reason).toMatch(/^the GPU device was lost \(unknown: A valid external Instance reference no longer exists\.\); continued on wasm/);
    executor.terminate();
  });

  it('out of memory on wasm retries the call on cpu; a predict whose worker died retrains first', async () => {
    const seen: BackendInfo[] = [];
    let failPredict = false;
    const executor = createWorkerExecutor('wasm', {
      cache: null,
      spawnWorker: spawner((api) => ({
        predict: async (handle, data) => {
          if (failPredict) throw namedError('OutOfMemoryError', 'out of memory on wasm (Cannot enlarge memory arrays)');
          return api.predict(handle, data);
        },
      })),
    });
    executor.onBackend((info) => seen.push(info));
    const handle = await executor.train(LSTM, TRAINING, plantedWindows(64, 1));
    expect(handle.backend).toBe('wasm');
    failPredict = true;
    const out = await executor.predict(handle, plantedWindows(7, 2));
    expect(out).toHaveLength(7);
    expect(seen.map((i) => i.backend)).toEqual(['wasm', 'cpu']);
    expect(seen[1]!.reason).toMatch(/^out of memory on wasm \(Cannot enlarge memory arrays\); continued on cpu/);
    executor.terminate();
  });

  it('any other crash rejects with "the compute worker crashed" and does not retry', async () => {
    const executor = createWorkerExecutor('cpu', {
      cache: null,
      spawnWorker: spawner((_api, fake) => ({
        train: () => {
          setTimeout(() => fake.crash('killed by the test'), 20);
          return new Promise(() => undefined);
        },
      })),
    });
    await expect(executor.train(LSTM, TRAINING, plantedWindows(64, 1))).rejects.toThrow(
      'the compute worker crashed: killed by the test; press Run to restart',
    );
    expect(fakes).toHaveLength(1);
    executor.terminate();
  });

  it('exports a model out of its worker and imports it into the pool again: same predictions, weights transferred', async () => {
    const pool = createWorkerPool('cpu', { size: 2, spawnWorker: spawner(), cache: null });
    const handle = await pool.train(LSTM, TRAINING, plantedWindows(64, 4));
    const test = plantedWindows(10, 5);
    const expected = await pool.predict(handle, test);
    const bundle = await pool.exportModel(handle);
    await pool.release(handle);
    const buffer = bundle.parts[0]!.weightData as ArrayBuffer;
    expect(buffer.byteLength).toBeGreaterThan(0);
    const imported = await pool.importModel(bundle);
    // Transferred into the worker, not copied.
    expect(buffer.byteLength).toBe(0);
    expect(Array.from(await pool.predict(imported, test))).toEqual(Array.from(expected));
    await pool.release(imported);
    pool.terminate();
  });
});
