/**
 * The value of each coalition: the model's mean output over the background with the coalition's
 * groups taken from the explained window. Every coalition goes through the model in as few
 * batched calls as the row budget allows.
 */
import { fillCoalitions, type Background } from './masking';

/** The model on `rows` windows of x (row-major): one explained output per row. */
export type BatchPredict = (x: Float32Array, rows: number) => Promise<ArrayLike<number>>;

/** Floats one predict call may carry (4 MB): bounds memory and the wait for a cancel, keeps the call count small. */
export const DEFAULT_BATCH_FLOATS = 1024 * 1024;

export interface ValueOptions {
  batchFloats?: number;
  signal?: AbortSignal | undefined;
}

export function throwIfAborted(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw signal.reason instanceof Error ? signal.reason : new Error('cancelled');
}

export async function coalitionValues(
  predict: BatchPredict,
  window: Float32Array,
  background: Background,
  owner: Int32Array,
  coalitions: readonly Uint8Array[],
  options: ValueOptions = {},
): Promise<Float64Array> {
  const width = window.length;
  const perCoalition = background.n * width;
  const perCall = Math.max(1, Math.floor((options.batchFloats ?? DEFAULT_BATCH_FLOATS) / perCoalition));
  const values = new Float64Array(coalitions.length);
  for (let start = 0; start < coalitions.length; start += perCall) {
    throwIfAborted(options.signal);
    const chunk = coalitions.slice(start, start + perCall);
    const x = new Float32Array(chunk.length * perCoalition);
    fillCoalitions(x, window, background, owner, chunk);
    const out = await predict(x, chunk.length * background.n);
    if (out.length !== chunk.length * background.n) throw new Error(`explain: the model returned ${out.length} outputs for ${chunk.length * background.n} rows`);
    chunk.forEach((_, c) => {
      let sum = 0;
      for (let b = 0; b < background.n; b++) sum += out[c * background.n + b]!;
      values[start + c] = sum / background.n;
    });
  }
  return values;
}

/** Mean model output over the background: the base value every explanation starts from. */
export async function backgroundBase(predict: BatchPredict, background: Background): Promise<number> {
  const out = await predict(background.x.slice(), background.n);
  let sum = 0;
  for (let b = 0; b < background.n; b++) sum += out[b]!;
  return sum / background.n;
}
