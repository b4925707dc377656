/**
 * The measured 'auto' choice: time ONE training batch (after one warm-up batch) of a small
 * reference LSTM on each available backend and take the fastest. A software WebGPU adapter is
 * ~20x slower than wasm here but a hardware one may win (PITFALLS.md): measuring beats guessing.
 * The selection is pure (`pickFastest`) so it is tested with injected timings.
 */
import type { BackendName, BackendTiming, ModelSpecInput, WindowedData } from '../core/executor';
import { createRng } from '../core/rng';
import { trainModel, disposeModel } from './train';

/** Small on purpose: the probe runs once per device, before the first training. */
export const PROBE_MODEL = { lookback: 30, features: 8, units: 16, batchSize: 32 } as const;
/** A backend whose warm-up + timed batch takes longer than this loses. */
export const PROBE_CAP_MS = 10_000;

export interface ProbeResult {
  winner: BackendName | null;
  timings: BackendTiming[];
  /** "measured one training batch: wasm 38 ms, cpu 410 ms, webgpu 2900 ms (software adapter SwiftShader) → wasm" */
  summary: string;
}

function describeTiming(t: BackendTiming): string {
  const time = t.ms === null ? 'failed' : `${Math.round(t.ms)} ms`;
  return t.note ? `${t.backend} ${time} (${t.note})` : `${t.backend} ${time}`;
}

/** Fastest finished backend; ties go to the earlier candidate. Failed or capped ones never win. */
export function pickFastest(timings: readonly BackendTiming[], capMs: number = PROBE_CAP_MS): ProbeResult {
  const finished = timings.filter((t): t is BackendTiming & { ms: number } => t.ms !== null && t.ms <= capMs);
  const ordered = [...finished].sort((a, b) => a.ms - b.ms);
  const rest = timings.filter((t) => !ordered.includes(t as BackendTiming & { ms: number }));
  const winner = ordered[0]?.backend ?? null;
  const listed = [...ordered, ...rest].map(describeTiming).join(', ');
  const summary = `measured one training batch: ${listed} → ${winner ?? 'none finished'}`;
  return { winner, timings: [...timings], summary };
}

function probeData(): WindowedData {
  const { lookback, features, batchSize } = PROBE_MODEL;
  const n = batchSize * 2;
  const rng = createRng(11);
  const x = Float32Array.from({ length: n * lookback * features }, () => rng.normal());
  const y = Float32Array.from({ length: n }, () => rng.normal());
  return { x, y, n, lookback, features, horizon: 1 };
}

/**
 * Times the second of two training batches on the CURRENT tfjs backend (the first warms up:
 * shader compilation, wasm start). Gives null ms with a note when it fails or exceeds `capMs`
 * (warm-up included); a capped training stops at its next batch end.
 */
export async function timeTrainingBatch(capMs: number = PROBE_CAP_MS): Promise<{ ms: number | null; note?: string }> {
  const spec: ModelSpecInput = { type: 'lstm', lookback: PROBE_MODEL.lookback, units: PROBE_MODEL.units, recurrentActivation: 'sigmoid', engine: 'tfjs' };
  const ends: number[] = [];
  let over = false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const capped = new Promise<{ ms: null; note: string }>((resolve) => {
    timer = setTimeout(() => {
      over = true;
      resolve({ ms: null, note: `over the ${capMs} ms cap` });
    }, capMs);
  });
  const run = trainModel(
    spec,
    { epochs: 1, batchSize: PROBE_MODEL.batchSize, learningRate: 0.001, seed: 1, validationFraction: 0 },
    probeData(),
    { onProgress: () => void ends.push(performance.now()), shouldStop: () => over },
  ).then(
    (trained) => {
      disposeModel(trained);
      const [warm, timed] = ends;
      return warm !== undefined && timed !== undefined ? { ms: timed - warm } : { ms: null, note: 'no timed batch' };
    },
    (err: unknown) => ({ ms: null, note: over ? `over the ${capMs} ms cap` : `failed: ${err instanceof Error ? err.message : String(err)}` }),
  );
  try {
    return await Promise.race([run, capped]);
  } finally {
    clearTimeout(timer);
  }
}

export interface MeasureOptions {
  capMs?: number;
  /** Makes `backend` the current tfjs backend; false with a reason when it cannot start. */
  activate(backend: BackendName): Promise<{ ok: true } | { ok: false; why: string }>;
  /** Times one batch on the current backend; injected by tests. Default `timeTrainingBatch`. */
  time?: (capMs: number) => Promise<{ ms: number | null; note?: string }>;
  /** Extra words per backend for the summary, e.g. webgpu: "software adapter SwiftShader". */
  notes?: Partial<Record<BackendName, string>>;
  onTiming?: (timing: BackendTiming) => void;
}

/** Measures each candidate in order and picks the fastest; leaves the last measured backend active. */
export async function measureBackends(candidates: readonly BackendName[], options: MeasureOptions): Promise<ProbeResult> {
  const capMs = options.capMs ?? PROBE_CAP_MS;
  const time = options.time ?? timeTrainingBatch;
  const timings: BackendTiming[] = [];
  for (const backend of candidates) {
    const started = await options.activate(backend);
    const measured = started.ok ? await time(capMs) : { ms: null, note: `did not start: ${started.why}` };
    const extra = options.notes?.[backend];
    const note = [extra, measured.note].filter((n): n is string => typeof n === 'string' && n.length > 0).join('; ');
    const timing: BackendTiming = { backend, ms: measured.ms, ...(note ? { note } : {}) };
    timings.push(timing);
    options.onTiming?.(timing);
  }
  return pickFastest(timings, capMs);
}
