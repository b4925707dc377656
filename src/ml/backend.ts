/**
 * Backend choice (webgpu, wasm, cpu) with the reason in words. Runs unchanged in a worker, the
 * page and Node: every browser API is reached through `globalThis` and may be missing.
 * See PITFALLS.md: headless Chromium offers only a SwiftShader adapter (~20x slower than wasm),
 * threaded wasm hangs in minified builds, and tfjs registers no GPUDevice.lost handler.
 */
import * as tf from '@tensorflow/tfjs';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
// Registers the 'webgpu' factory, but only when navigator.gpu exists at import time.
import '@tensorflow/tfjs-backend-webgpu';
import type { WebGPUBackend } from '@tensorflow/tfjs-backend-webgpu';
import { classifyAdapter, type AdapterInfoLike } from './webgpu/adapterKind';
import type { BackendInfo, BackendName, BackendPreference } from '../core/executor';
import { measureBackends, type MeasureOptions } from './backendProbe';

export interface BackendEnv {
  /** Where the .wasm binaries live: a URL prefix or a map of file name to URL. Node needs none. */
  wasmPaths?: Record<string, string> | string;
  /** false skips WebGPU entirely under 'auto' (e.g. a main-thread fallback). Default true. */
  probeWebGpu?: boolean;
  /**
   * 'auto' times one training batch on every available backend and takes the fastest
   * (backendProbe.ts); the result carries `measurements` for the caller to cache. Default false
   * (Node, tests): the adapter kind decides, as before. `time`/`capMs` are for tests.
   */
  measure?: boolean | Pick<MeasureOptions, 'time' | 'capMs'>;
  /** 'auto' already decided (a cached measurement): use this backend with this reason if it starts. */
  decided?: { backend: BackendName; reason: string };
}

/** The parts of GPUAdapter we read; structural so a test can hand in a fake. */
interface AdapterLike {
  info?: AdapterInfoLike;
  isFallbackAdapter?: boolean;
}
interface GpuLike {
  requestAdapter(options?: { powerPreference?: 'low-power' | 'high-performance' }): Promise<AdapterLike | null>;
}

type Probe =
  | { kind: 'none'; why: string }
  | { kind: 'software'; name: string }
  | { kind: 'hardware'; name: string };

/** Backend init (shader compile, wasm fetch) can stall; never let selection hang the app. */
const INIT_TIMEOUT_MS = 20_000;

export async function selectBackend(pref: BackendPreference, env: BackendEnv = {}): Promise<BackendInfo> {
  if (pref === 'cpu') return useCpu('forced: cpu (plain JavaScript kernels)');
  if (pref === 'wasm') return useWasmOrCpu('forced: wasm', env);

  const probeAllowed = pref === 'webgpu' || env.probeWebGpu !== false;
  const probe = probeAllowed ? await probeWebGpu() : { kind: 'none' as const, why: 'WebGPU probing is off here' };

  if (pref === 'webgpu') {
    if (probe.kind === 'none') {
      return useWasmOrCpu(`forced webgpu, but no WebGPU adapter is available (${probe.why}); falling back to`, env);
    }
    const note =
      probe.kind === 'software'
        ? `forced; software adapter (${softwareLabel(probe.name)}), expect it to be ~20x slower than wasm`
        : `forced: hardware WebGPU adapter (${probe.name})`;
    const tried = await tryWebGpu(note, probe.name);
    if ('backend' in tried) return tried;
    return useWasmOrCpu(`forced webgpu, but the WebGPU backend failed to initialise (${tried.why}); falling back to`, env, probe.name);
  }

  // 'auto'
  if (env.decided) {
    const { backend, reason } = env.decided;
    const started = await activate(backend, env);
    if (started.ok) return withAdapter({ backend, reason }, probe.kind === 'none' ? undefined : probe.name);
  }
  if (env.measure) return measureAuto(probe, env);
  if (probe.kind === 'hardware') {
    const tried = await tryWebGpu(`auto: hardware WebGPU adapter (${probe.name})`, probe.name);
    if ('backend' in tried) return tried;
    return useWasmOrCpu(`auto: the WebGPU backend failed to initialise (${tried.why}), using`, env, probe.name);
  }
  if (probe.kind === 'software') {
    return useWasmOrCpu(
      `auto: WebGPU adapter is a software fallback (${softwareLabel(probe.name)}, ~20x slower than wasm here), using`,
      env,
      probe.name,
    );
  }
  return useWasmOrCpu(`auto: no WebGPU adapter is available (${probe.why}), using`, env);
}

async function activate(backend: BackendName, env: BackendEnv): Promise<{ ok: true } | { ok: false; why: string }> {
  if (backend === 'webgpu') {
    const tried = await tryWebGpu('', '');
    return 'backend' in tried ? { ok: true } : { ok: false, why: tried.why };
  }
  if (backend === 'wasm') {
    if (env.wasmPaths !== undefined) setWasmPaths(env.wasmPaths);
    tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', false);
  }
  return trySetBackend(backend);
}

async function measureAuto(probe: Probe, env: BackendEnv): Promise<BackendInfo> {
  const options = typeof env.measure === 'object' ? env.measure : {};
  const candidates: BackendName[] = probe.kind === 'none' ? ['wasm', 'cpu'] : ['webgpu', 'wasm', 'cpu'];
  const notes: Partial<Record<BackendName, string>> =
    probe.kind === 'software' ? { webgpu: `software adapter ${softwareLabel(probe.name)}` } : {};
  const result = await measureBackends(candidates, { ...options, notes, activate: (b) => activate(b, env) });
  const adapter = probe.kind === 'none' ? undefined : probe.name;
  const noGpu = probe.kind === 'none' ? ` (no WebGPU adapter: ${probe.why})` : '';
  if (result.winner === null) {
    return withAdapter(await useCpu(`auto: ${result.summary}${noGpu}; using cpu`), adapter);
  }
  const started = await activate(result.winner, env);
  if (!started.ok) return withAdapter(await useCpu(`auto: ${result.summary}, but it failed to start again (${started.why}); using cpu`), adapter);
  // Free the GPU when it lost: only one backend works in this worker from now on.
  if (result.winner !== 'webgpu' && candidates.includes('webgpu')) releaseWebGpu();
  return withAdapter({ backend: result.winner, reason: `auto: ${result.summary}${noGpu}`, measurements: result.timings }, adapter);
}

function withAdapter(info: BackendInfo, adapter: string | undefined): BackendInfo {
  return adapter === undefined || adapter === '' ? info : { ...info, adapter };
}

function softwareLabel(name: string): string {
  return /swiftshader/i.test(name) ? 'SwiftShader' : `isFallbackAdapter: ${name}`;
}

async function probeWebGpu(): Promise<Probe> {
  const gpu = (globalThis as { navigator?: { gpu?: GpuLike } }).navigator?.gpu;
  if (!gpu) return { kind: 'none', why: 'navigator.gpu is missing' };
  let adapter: AdapterLike | null;
  try {
    adapter = await gpu.requestAdapter({ powerPreference: 'high-performance' });
  } catch (err) {
    return { kind: 'none', why: `requestAdapter() threw: ${errorText(err)}` };
  }
  if (!adapter) return { kind: 'none', why: 'requestAdapter() returned null' };
  return classifyAdapter(adapter.info, adapter.isFallbackAdapter);
}

async function trySetBackend(name: BackendName): Promise<{ ok: true } | { ok: false; why: string }> {
  if (!tf.findBackendFactory(name)) return { ok: false, why: `the ${name} backend is not registered` };
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out after ${INIT_TIMEOUT_MS / 1000} s`)), INIT_TIMEOUT_MS);
  });
  try {
    const ok = await Promise.race([tf.setBackend(name), timeout]);
    return ok ? { ok: true } : { ok: false, why: `setBackend('${name}') returned false` };
  } catch (err) {
    return { ok: false, why: errorText(err) };
  } finally {
    clearTimeout(timer);
  }
}

async function tryWebGpu(reason: string, adapter: string): Promise<BackendInfo | { why: string }> {
  const result = await trySetBackend('webgpu');
  if (!result.ok) return { why: result.why };
  watchDevice();
  return { backend: 'webgpu', reason, adapter };
}

/** `lead` is the start of the sentence; this appends the backend actually taken. */
async function useWasmOrCpu(lead: string, env: BackendEnv, adapter?: string): Promise<BackendInfo> {
  if (env.wasmPaths !== undefined) setWasmPaths(env.wasmPaths);
  // Threaded wasm hangs silently in minified builds (PITFALLS.md) and gained little here.
  tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', false);
  const result = await trySetBackend('wasm');
  const withAdapter = (info: BackendInfo): BackendInfo => (adapter === undefined ? info : { ...info, adapter });
  if (result.ok) {
    const simd = await tf.env().getAsync('WASM_HAS_SIMD_SUPPORT');
    const kind = simd === true ? 'wasm SIMD' : 'wasm (no SIMD support here)';
    return withAdapter({ backend: 'wasm', reason: lead === 'forced: wasm' ? `forced: ${kind}` : `${lead} ${kind}` });
  }
  const failed = lead === 'forced: wasm' ? 'forced wasm, but' : `${lead} wasm, but`;
  return withAdapter(await useCpu(`${failed} wasm failed to initialise (${result.why}); using cpu`));
}

async function useCpu(reason: string): Promise<BackendInfo> {
  const result = await trySetBackend('cpu');
  if (!result.ok) throw new Error(`the cpu backend failed to initialise (${result.why}); reload the page`);
  return { backend: 'cpu', reason };
}

// ---- GPU device loss ------------------------------------------------------------------------

type DeviceLostListener = (message: string) => void;
const deviceLostListeners = new Set<DeviceLostListener>();
const watchedDevices = new WeakSet<object>();
/** Devices we destroyed ourselves (releaseWebGpu): their 'destroyed' loss is not a failure. */
const releasedDevices = new WeakSet<object>();

/** The GPUDevice of the tfjs webgpu backend, if it is running. */
export function webGpuDevice(): GPUDevice | null {
  if (!tf.engine().registry.webgpu) return null;
  return (tf.engine().registry.webgpu as Partial<WebGPUBackend>).device ?? null;
}

/** Disposes the webgpu backend (and its device) after 'auto' measured another backend faster. */
function releaseWebGpu(): void {
  const device = webGpuDevice();
  if (device) releasedDevices.add(device);
  try {
    tf.removeBackend('webgpu');
  } catch {
    // Already gone or never started: nothing holds the GPU.
  }
}

/** Calls `cb` when the WebGPU device in use is lost (driver reset, GPU removed, ...). */
export function onDeviceLost(cb: DeviceLostListener): () => void {
  deviceLostListeners.add(cb);
  return () => deviceLostListeners.delete(cb);
}

function watchDevice(): void {
  const device = (tf.backend() as Partial<WebGPUBackend>).device;
  if (!device || watchedDevices.has(device) || !(device.lost instanceof Promise)) return;
  watchedDevices.add(device);
  void device.lost.then((info) => {
    // Our own release is not a failure; any other destroy (or loss) is.
    if (info.reason === 'destroyed' && releasedDevices.has(device)) return;
    const message = `the GPU device was lost (${info.reason ?? 'unknown'}${info.message ? `: ${info.message}` : ''})`;
    for (const cb of deviceLostListeners) cb(message);
  });
}

function errorText(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
