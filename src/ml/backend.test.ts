import * as tf from '@tensorflow/tfjs';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { onDeviceLost, selectBackend } from './backend';

afterEach(() => {
  vi.unstubAllGlobals();
});

/** Only the adapter is fake; the real tfjs backends (wasm, cpu) do the work. */
function stubGpu(adapter: object | null): { requests: number } {
  const calls = { requests: 0 };
  const gpu = {
    requestAdapter: () => {
      calls.requests++;
      return Promise.resolve(adapter);
    },
  };
  vi.stubGlobal('navigator', { ...(globalThis.navigator ?? {}), gpu });
  return calls;
}

describe('selectBackend', () => {
  it("'auto' without navigator.gpu takes wasm or cpu and says no WebGPU adapter is available", async () => {
    vi.stubGlobal('navigator', undefined);
    const info = await selectBackend('auto', {});
    expect(['wasm', 'cpu']).toContain(info.backend);
    expect(info.reason).toMatch(/no WebGPU adapter is available/);
    expect(tf.getBackend()).toBe(info.backend);
    expect(info.adapter).toBeUndefined();
  });

  it("forced 'cpu' gives cpu", async () => {
    const info = await selectBackend('cpu', {});
    expect(info.backend).toBe('cpu');
    expect(info.reason).toMatch(/forced/);
    expect(tf.getBackend()).toBe('cpu');
  });

  it("forced 'wasm' runs in Node from the package's dist folder", async () => {
    const info = await selectBackend('wasm', {});
    expect(info.backend).toBe('wasm');
    expect(info.reason).toMatch(/^forced: wasm/);
  });

  it("'auto' passes over a software fallback adapter (isFallbackAdapter: true)", async () => {
    const calls = stubGpu({ info: { vendor: 'google', architecture: 'swiftshader', description: '' }, isFallbackAdapter: true });
    const info = await selectBackend('auto', {});
    expect(calls.requests).toBe(1);
    expect(['wasm', 'cpu']).toContain(info.backend);
    expect(info.reason).toMatch(/software fallback \(SwiftShader/);
    expect(info.adapter).toBe('google / swiftshader');
  });

  it("'auto' treats a SwiftShader adapter as software even without the fallback flag", async () => {
    stubGpu({ info: { vendor: 'Google', architecture: '', description: 'SwiftShader Device (Subzero)' } });
    const info = await selectBackend('auto', {});
    expect(info.backend).not.toBe('webgpu');
    expect(info.reason).toMatch(/software fallback/);
  });

  it("'auto' with requestAdapter() returning null says so", async () => {
    stubGpu(null);
    const info = await selectBackend('auto', {});
    expect(info.backend).not.toBe('webgpu');
    expect(info.reason).toMatch(/no WebGPU adapter is available \(requestAdapter\(\) returned null\)/);
  });

  it("forced 'webgpu' with no adapter falls back and says why", async () => {
    vi.stubGlobal('navigator', undefined);
    const info = await selectBackend('webgpu', {});
    expect(['wasm', 'cpu']).toContain(info.backend);
    expect(info.reason).toMatch(/^forced webgpu, but no WebGPU adapter is available/);
  });

  it("forced 'webgpu' on a software adapter tries it; if WebGPU cannot start it falls back and says why", async () => {
    stubGpu({ info: { vendor: 'google', architecture: 'swiftshader' }, isFallbackAdapter: true });
    const info = await selectBackend('webgpu', {});
    // Node has no WebGPU implementation: the tfjs webgpu backend is not registered here.
    expect(info.backend).not.toBe('webgpu');
    expect(info.reason).toMatch(/^forced webgpu, but the WebGPU backend failed to initialise \(the webgpu backend is not registered\)/);
    expect(info.adapter).toBe('google / swiftshader');
  });

  it('reports a lost GPU device through onDeviceLost', async () => {
    // A stand-in 'webgpu' backend: a cpu backend carrying a device whose `lost` we control.
    let loseDevice: (info: { reason: string; message: string }) => void = () => undefined;
    const lost = new Promise<{ reason: string; message: string }>((resolve) => (loseDevice = resolve));
    const CpuBackend = tf.findBackend('cpu')!.constructor as new () => tf.KernelBackend;
    tf.registerBackend('webgpu', () => Object.assign(new CpuBackend(), { device: { lost } }));
    const messages: string[] = [];
    const stop = onDeviceLost((m) => messages.push(m));
    try {
      stubGpu({ info: { vendor: 'acme', architecture: 'rdna9' } });
      const info = await selectBackend('auto', {});
      expect(info).toMatchObject({ backend: 'webgpu', adapter: 'acme / rdna9' });
      expect(info.reason).toMatch(/^auto: hardware WebGPU adapter/);
      loseDevice({ reason: 'unknown', message: 'driver reset' });
      await new Promise((r) => setTimeout(r, 0));
      expect(messages).toEqual(['the GPU device was lost (unknown: driver reset)']);
    } finally {
      stop();
      await tf.setBackend('cpu');
      tf.removeBackend('webgpu');
    }
  });
});
