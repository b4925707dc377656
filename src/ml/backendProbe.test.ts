import * as tf from '@tensorflow/tfjs';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { BackendName } from '../core/executor';
import { selectBackend } from './backend';
import { measureBackends, pickFastest, timeTrainingBatch } from './backendProbe';

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('pickFastest', () => {
  it('takes the fastest finished backend and names every number', () => {
    const result = pickFastest([
      { backend: 'webgpu', ms: 2900, note: 'software adapter SwiftShader' },
      { backend: 'wasm', ms: 38.4 },
      { backend: 'cpu', ms: 410 },
    ]);
    expect(result.winner).toBe('wasm');
    expect(result.summary).toBe('measured one training batch: wasm 38 ms, cpu 410 ms, webgpu 2900 ms (software adapter SwiftShader) → wasm');
  });

  it('lets a hardware GPU win when it is fastest', () => {
    expect(pickFastest([{ backend: 'webgpu', ms: 4 }, { backend: 'wasm', ms: 38 }, { backend: 'cpu', ms: 410 }]).winner).toBe('webgpu');
  });

  it('never picks a failed or capped backend', () => {
    const result = pickFastest(
      [
        { backend: 'webgpu', ms: null, note: 'over the 10000 ms cap' },
        { backend: 'wasm', ms: null, note: 'did not start: no wasm' },
        { backend: 'cpu', ms: 12_000 },
      ],
      10_000,
    );
    expect(result.winner).toBeNull();
    expect(result.summary).toMatch(/webgpu failed \(over the 10000 ms cap\)/);
    expect(result.summary).toMatch(/→ none finished$/);
  });
});

describe('measureBackends', () => {
  it('activates each candidate in turn and times it', async () => {
    const fake: Record<BackendName, number | null> = { webgpu: null, wasm: 20, cpu: 300 };
    let active: BackendName = 'cpu';
    const result = await measureBackends(['webgpu', 'wasm', 'cpu'], {
      activate: async (b) => {
        if (b === 'webgpu') return { ok: false, why: 'no adapter' };
        active = b;
        return { ok: true };
      },
      time: async () => ({ ms: fake[active] }),
      notes: { cpu: 'plain JS' },
    });
    expect(result.winner).toBe('wasm');
    expect(result.timings).toEqual([
      { backend: 'webgpu', ms: null, note: 'did not start: no adapter' },
      { backend: 'wasm', ms: 20 },
      { backend: 'cpu', ms: 300, note: 'plain JS' },
    ]);
  });
});

describe("selectBackend('auto') with measure", () => {
  it('in Node measures wasm and cpu, picks the faster and returns the measurements', async () => {
    vi.stubGlobal('navigator', undefined);
    const info = await selectBackend('auto', {
      measure: { time: async () => ({ ms: tf.getBackend() === 'cpu' ? 5 : 50 }) },
    });
    expect(info.backend).toBe('cpu');
    expect(tf.getBackend()).toBe('cpu');
    expect(info.reason).toBe(
      'auto: measured one training batch: cpu 5 ms, wasm 50 ms → cpu (no WebGPU adapter: navigator.gpu is missing)',
    );
    expect(info.measurements).toEqual([
      { backend: 'wasm', ms: 50 },
      { backend: 'cpu', ms: 5 },
    ]);
  });

  it('a decided backend (cached measurement) starts without measuring', async () => {
    vi.stubGlobal('navigator', undefined);
    const time = vi.fn(async () => ({ ms: 1 }));
    const info = await selectBackend('auto', {
      measure: { time },
      decided: { backend: 'wasm', reason: 'auto (measured earlier on this device): wasm 38 ms → wasm' },
    });
    expect(info).toEqual({ backend: 'wasm', reason: 'auto (measured earlier on this device): wasm 38 ms → wasm' });
    expect(time).not.toHaveBeenCalled();
  });

  it('forced backends skip the probe', async () => {
    const time = vi.fn(async () => ({ ms: 1 }));
    const info = await selectBackend('cpu', { measure: { time } });
    expect(info.backend).toBe('cpu');
    expect(time).not.toHaveBeenCalled();
  });
});

describe('timeTrainingBatch', () => {
  it('times one real batch on cpu and leaks no tensor', async () => {
    await tf.setBackend('cpu');
    const before = tf.memory().numTensors;
    const result = await timeTrainingBatch(60_000);
    expect(result.ms).toBeGreaterThan(0);
    expect(tf.memory().numTensors).toBe(before);
  });

  it('gives up at the cap', async () => {
    await tf.setBackend('cpu');
    const result = await timeTrainingBatch(1);
    expect(result).toEqual({ ms: null, note: 'over the 1 ms cap' });
    // Let the stopped training finish its batch before the next test.
    await new Promise((r) => setTimeout(r, 500));
  });
});
