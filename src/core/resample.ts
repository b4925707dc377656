/**
 * OHLCV resampling to a longer bar. Buckets start at multiples of the target length since the
 * UTC epoch, so days start at 00:00 UTC and 4h bars at 00, 04, ... UTC. (Weekly buckets would start
 * on Thursdays, the epoch's weekday, and months have no fixed length: neither is offered here.)
 */
import type { Frame } from './frame';

export interface ResampleResult {
  frame: Frame;
  /** The last bucket has fewer source bars than a full one (the data ends inside it, or bars are missing). */
  partialLast: boolean;
  /** The same for the first bucket (the data starts inside it). */
  partialFirst: boolean;
}

type Rule = 'first' | 'max' | 'min' | 'last' | 'sum';
const RULES: Readonly<Record<string, Rule>> = { open: 'first', high: 'max', low: 'min', close: 'last', volume: 'sum' };

/**
 * open: first, high: max, low: min, close: last, volume: sum, any other column: last. NaN is
 * "missing" and skipped (a bucket whose values are all NaN gives NaN), so one missing minute does
 * not blank an hour. Buckets with no source bar are not created: gaps stay gaps.
 */
export function resampleOhlcv(frame: Frame, targetIntervalMs: number): ResampleResult {
  const source = frame.meta.intervalMs;
  if (!(source > 0)) throw new Error(`resampleOhlcv: "${frame.meta.name}" has no known bar length (meta.intervalMs is ${source})`);
  if (!(targetIntervalMs > 0) || !Number.isInteger(targetIntervalMs)) {
    throw new Error(`resampleOhlcv: the target interval must be a positive whole number of ms, got ${targetIntervalMs}`);
  }
  if (targetIntervalMs % source !== 0) {
    throw new Error(`resampleOhlcv: the source bar (${source} ms) must divide the target (${targetIntervalMs} ms); e.g. 1m -> 5m, 1h -> 4h or 1d`);
  }
  const { time } = frame;
  const rows = time.length;
  const bucketOf = (t: number): number => Math.floor(t / targetIntervalMs) * targetIntervalMs;
  // Row index where each bucket starts, plus `rows` as a sentinel.
  const starts: number[] = [];
  for (let row = 0; row < rows; row++) {
    if (row > 0 && !(time[row]! > time[row - 1]!)) {
      throw new Error(`resampleOhlcv: time must be strictly increasing (row ${row}); clean the frame first`);
    }
    if (row === 0 || bucketOf(time[row]!) !== bucketOf(time[row - 1]!)) starts.push(row);
  }
  starts.push(rows);
  const buckets = starts.length - 1;
  const outTime = new Float64Array(buckets);
  for (let b = 0; b < buckets; b++) outTime[b] = bucketOf(time[starts[b]!]!);
  const columns: Record<string, Float64Array> = {};
  for (const [name, values] of Object.entries(frame.columns)) {
    const out = new Float64Array(buckets);
    const rule = RULES[name] ?? 'last';
    for (let b = 0; b < buckets; b++) out[b] = reduce(values, starts[b]!, starts[b + 1]!, rule);
    columns[name] = out;
  }
  const full = targetIntervalMs / source;
  const count = (b: number): number => starts[b + 1]! - starts[b]!;
  return {
    frame: { time: outTime, columns, meta: { ...frame.meta, intervalMs: targetIntervalMs } },
    partialLast: buckets > 0 && count(buckets - 1) < full,
    partialFirst: buckets > 0 && count(0) < full,
  };
}

function reduce(values: Float64Array, from: number, to: number, rule: Rule): number {
  let out = NaN;
  for (let i = from; i < to; i++) {
    const v = values[i]!;
    if (Number.isNaN(v)) continue;
    if (Number.isNaN(out)) {
      out = v;
      if (rule === 'first') return v;
      continue;
    }
    if (rule === 'max') out = Math.max(out, v);
    else if (rule === 'min') out = Math.min(out, v);
    else if (rule === 'sum') out += v;
    else if (rule === 'last') out = v;
  }
  return out;
}
