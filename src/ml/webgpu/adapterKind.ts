/**
 * Whether the running tfjs webgpu backend sits on a hardware adapter. The WGSL engine pays only
 * there: on a software adapter (SwiftShader, `isFallbackAdapter`) the fused wasm engine is far
 * faster (PITFALLS.md), so that is what trains. The answer is cached per GPUDevice.
 */
import * as tf from '@tensorflow/tfjs';
import type { WebGPUBackend } from '@tensorflow/tfjs-backend-webgpu';

export type WebGpuAdapterKind = { kind: 'hardware' | 'software'; name: string } | { kind: 'none'; why: string };

/** The parts of GPUAdapterInfo we read; structural so a test can hand in a fake. */
export interface AdapterInfoLike {
  vendor?: string;
  architecture?: string;
  device?: string;
  description?: string;
  isFallbackAdapter?: boolean;
}

/** Pure: the kind of an adapter from its info (and the older GPUAdapter.isFallbackAdapter flag). */
export function classifyAdapter(info: AdapterInfoLike | undefined, adapterFallbackFlag?: boolean): { kind: 'hardware' | 'software'; name: string } {
  const parts = [info?.vendor, info?.architecture, info?.device, info?.description].filter((p): p is string => typeof p === 'string' && p.length > 0);
  const name = parts.length > 0 ? [...new Set(parts)].join(' / ') : 'unnamed adapter';
  const software = info?.isFallbackAdapter === true || adapterFallbackFlag === true || /swiftshader/i.test(name);
  return { kind: software ? 'software' : 'hardware', name };
}

const cache = new WeakMap<GPUDevice, WebGpuAdapterKind>();

export async function activeWebGpuAdapter(): Promise<WebGpuAdapterKind> {
  if (tf.getBackend() !== 'webgpu') return { kind: 'none', why: `the active tfjs backend is ${tf.getBackend()}` };
  const device = (tf.backend() as Partial<WebGPUBackend>).device;
  if (!device) return { kind: 'none', why: 'the webgpu backend has no device' };
  const known = cache.get(device);
  if (known) return known;
  let kind: WebGpuAdapterKind;
  // GPUDevice.adapterInfo is recent; before it, ask for the adapter tfjs asked for (same options).
  const deviceInfo = (device as Partial<GPUDevice>).adapterInfo;
  if (deviceInfo && typeof deviceInfo.isFallbackAdapter === 'boolean') {
    kind = classifyAdapter(deviceInfo);
  } else {
    const powerPreference = tf.env().getBool('WEBGPU_USE_LOW_POWER_GPU') ? 'low-power' : 'high-performance';
    const adapter = await navigator.gpu.requestAdapter({ powerPreference }).catch(() => null);
    kind = adapter
      ? classifyAdapter(adapter.info, (adapter as { isFallbackAdapter?: boolean }).isFallbackAdapter)
      : { kind: 'none', why: 'requestAdapter() gave no adapter' };
  }
  cache.set(device, kind);
  return kind;
}
