/**
 * The two cleaning fixes that ADD data rather than remove it: inserting missing bars inside short
 * gaps, and flagging outlier returns in a 0/1 column. Both count what they did; cleaning.ts's
 * applyFixes calls them after sorting and de-duplicating (times strictly increasing).
 */
import { log } from './math';

export interface GapFillResult {
  time: Float64Array;
  columns: Record<string, Float64Array>;
  /** Source line of each row; 0 for an inserted bar (it has no line in the file). */
  lines: Int32Array;
  barsInserted: number;
  gapsFilled: number;
  /** Gaps left as they are: longer than the limit, or not a whole number of bars. */
  gapsLeft: number;
  /** Missing bars in the largest gap left (0 when none is left). */
  largestGapLeft: number;
}

const PRICE_COLUMNS = new Set(['open', 'high', 'low', 'close']);

/** Missing bars between two consecutive times, or -1 when the step is not a whole number of bars. */
function missingBars(step: number, intervalMs: number): number {
  const bars = Math.round(step / intervalMs);
  // 1 ms of slack: times parsed from seconds or ISO text are whole milliseconds.
  return Math.abs(step - bars * intervalMs) <= 1 ? bars - 1 : -1;
}

/** Steps before a row whose median is the bar length that row's step is judged against. */
export const BAR_LENGTH_WINDOW = 32;
/** Fewer earlier steps than this and a step is not judged (it is never a gap). */
export const BAR_LENGTH_MIN_STEPS = 3;

/**
 * For each row i >= 1, the bar length its step (time[i] - time[i-1]) is judged against: the
 * median of the up to `window` positive steps BEFORE it, NaN with fewer than
 * BAR_LENGTH_MIN_STEPS. Only earlier rows are read, so rows added later never change whether an
 * earlier step is a gap (a bar length inferred from all the rows did: issue 14 item 8a).
 */
export function trailingBarLengths(time: Float64Array, window = BAR_LENGTH_WINDOW): Float64Array {
  const rows = time.length;
  const out = new Float64Array(rows).fill(NaN);
  const ring = new Float64Array(window);
  const sorted = new Float64Array(window + 1);
  let size = 0;
  let oldest = 0;
  for (let i = 1; i < rows; i++) {
    if (size >= BAR_LENGTH_MIN_STEPS) out[i] = sortedMedian(sorted, size);
    const step = time[i]! - time[i - 1]!;
    if (!(step > 0)) continue;
    const at = lowerBound(sorted, size, step);
    sorted.copyWithin(at + 1, at, size);
    sorted[at] = step;
    size++;
    if (size > window) {
      const leaving = lowerBound(sorted, size, ring[oldest]!);
      sorted.copyWithin(leaving, leaving + 1, size);
      size--;
    }
    ring[oldest] = step;
    oldest = (oldest + 1) % window;
  }
  return out;
}

/**
 * Inserts the missing bars of every gap of at most `maxBars` bars. `intervalMs` is one bar length
 * (declared) or, per row, the bar length that row's step is judged against (trailingBarLengths;
 * NaN: not judged). An inserted bar's open, high, low and close are the previous close (a flat
 * bar), its volume is 0 and every other column carries the previous value forward. `time` must
 * be strictly increasing.
 */
export function forwardFillGaps(
  time: Float64Array,
  columns: Record<string, Float64Array>,
  lines: Int32Array,
  intervalMs: number | Float64Array,
  maxBars: number,
): GapFillResult {
  if (!Number.isInteger(maxBars) || maxBars < 0) throw new Error(`forwardFillGaps: the limit must be a whole number of bars >= 0, got ${maxBars}`);
  const barAt = typeof intervalMs === 'number' ? () => intervalMs : (i: number) => intervalMs[i]!;
  const rows = time.length;
  let barsInserted = 0;
  let gapsFilled = 0;
  let gapsLeft = 0;
  let largestGapLeft = 0;
  // First pass: count, so every output array is allocated once.
  for (let i = 1; i < rows; i++) {
    const step = time[i]! - time[i - 1]!;
    const barMs = barAt(i);
    if (!(barMs > 0) || step <= barMs) continue;
    const missing = missingBars(step, barMs);
    if (missing > 0 && missing <= maxBars) {
      barsInserted += missing;
      gapsFilled++;
    } else {
      gapsLeft++;
      largestGapLeft = Math.max(largestGapLeft, missing > 0 ? missing : Math.round(step / barMs) - 1);
    }
  }
  if (barsInserted === 0) return { time, columns, lines, barsInserted, gapsFilled, gapsLeft, largestGapLeft };

  const total = rows + barsInserted;
  const outTime = new Float64Array(total);
  const outLines = new Int32Array(total);
  const names = Object.keys(columns);
  const out = names.map(() => new Float64Array(total));
  const closeIndex = names.indexOf('close');
  let o = 0;
  for (let i = 0; i < rows; i++) {
    if (i > 0) {
      const step = time[i]! - time[i - 1]!;
      const barMs = barAt(i);
      const missing = barMs > 0 && step > barMs ? missingBars(step, barMs) : 0;
      if (missing > 0 && missing <= maxBars) {
        const previousClose = closeIndex >= 0 ? columns.close![i - 1]! : NaN;
        for (let k = 1; k <= missing; k++, o++) {
          outTime[o] = time[i - 1]! + k * barMs;
          names.forEach((name, c) => {
            const value = name === 'volume' ? 0 : PRICE_COLUMNS.has(name) && closeIndex >= 0 ? previousClose : columns[name]![i - 1]!;
            out[c]![o] = value;
          });
        }
      }
    }
    outTime[o] = time[i]!;
    outLines[o] = lines[i]!;
    names.forEach((name, c) => {
      out[c]![o] = columns[name]![i]!;
    });
    o++;
  }
  const outColumns: Record<string, Float64Array> = {};
  names.forEach((name, c) => {
    outColumns[name] = out[c]!;
  });
  return { time: outTime, columns: outColumns, lines: outLines, barsInserted, gapsFilled, gapsLeft, largestGapLeft };
}

/** 1 / Phi^-1(3/4): scales a median absolute deviation to a normal standard deviation. */
const MAD_TO_SIGMA = 1.482602218505602;
/** sqrt(pi / 2): scales a mean absolute deviation to a normal standard deviation. */
const MEAN_AD_TO_SIGMA = 1.2533141373155001;
/** Returns before a bar that its outlier test is measured against (a year of daily bars). */
export const OUTLIER_WINDOW = 250;
/** Fewer earlier returns than this and a bar is not judged (its flag is 0). */
export const OUTLIER_MIN_HISTORY = 8;

export interface OutlierResult {
  /** 1 where the bar's log return is an outlier, else 0 (the first bars, short history and NaN returns are 0). */
  flags: Float64Array;
  marked: number;
  /** The robust sigma of the last window (1.4826 x MAD), in log-return units; NaN with too little history. */
  sigma: number;
}

/** Median of the first `size` values of an ascending array. */
function sortedMedian(sorted: Float64Array, size: number): number {
  const mid = size >> 1;
  return size % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/**
 * Robust sigma of an ascending window around its median: 1.4826 x MAD. The distances below the
 * centre (read leftwards) and above it (rightwards) are two ascending lists, so the middle
 * distance is a k-th smallest of two sorted lists: O(log n) per bar. A window that is more than
 * half one value has MAD 0; its mean absolute deviation stands in, so one wild bar among
 * repeated values is still seen.
 */
function sortedSigma(sorted: Float64Array, size: number, center: number): number {
  const split = lowerBound(sorted, size, center);
  const mid = size >> 1;
  const mad = size % 2 === 1 ? kthDistance(sorted, size, split, center, mid) : (kthDistance(sorted, size, split, center, mid - 1) + kthDistance(sorted, size, split, center, mid)) / 2;
  if (mad > 0) return MAD_TO_SIGMA * mad;
  let sum = 0;
  for (let i = 0; i < size; i++) sum += Math.abs(sorted[i]! - center);
  return MEAN_AD_TO_SIGMA * (sum / size);
}

/**
 * The k-th smallest |x - center| (0-based): distance i below is center - sorted[split - 1 - i],
 * distance j above is sorted[split + j] - center. Binary search on how many come from below.
 */
function kthDistance(sorted: Float64Array, size: number, split: number, center: number, k: number): number {
  let lo = Math.max(0, k + 1 - (size - split));
  let hi = Math.min(k + 1, split);
  while (lo < hi) {
    const i = (lo + hi) >> 1;
    if (sorted[split + k - i]! - center > center - sorted[split - 1 - i]!) lo = i + 1;
    else hi = i;
  }
  const j = k + 1 - lo;
  const fromBelow = lo > 0 ? center - sorted[split - lo]! : -Infinity;
  const fromAbove = j > 0 ? sorted[split + j - 1]! - center : -Infinity;
  return Math.max(fromBelow, fromAbove);
}

/** Index of the first value >= `value` in the first `size` entries of an ascending array. */
function lowerBound(sorted: Float64Array, size: number, value: number): number {
  let lo = 0;
  let hi = size;
  while (lo < hi) {
    const m = (lo + hi) >> 1;
    if (sorted[m]! < value) lo = m + 1;
    else hi = m;
  }
  return lo;
}

/**
 * Flags bars whose log return ln(v[t] / v[t-1]) lies more than `zScore` robust sigmas from the
 * median of the `window` returns before it (sigma = 1.4826 x median absolute deviation, so one
 * wild bar cannot hide itself by inflating a standard deviation). Trailing, never centred: a
 * bar's flag reads only bars up to it, so later data cannot change an earlier flag (the cleaning
 * step is part of the look-ahead check). Rows are only flagged, never dropped.
 */
export function markOutlierReturns(values: Float64Array, zScore: number, window = OUTLIER_WINDOW): OutlierResult {
  if (!(zScore > 0) || !Number.isFinite(zScore)) throw new Error(`markOutliers: zScore must be a number > 0, got ${zScore}`);
  if (!Number.isInteger(window) || window < OUTLIER_MIN_HISTORY) {
    throw new Error(`markOutliers: the window must be a whole number of returns >= ${OUTLIER_MIN_HISTORY}, got ${window}`);
  }
  const rows = values.length;
  const flags = new Float64Array(rows);
  // The window of earlier finite returns, kept both in arrival order (a ring) and sorted.
  const ring = new Float64Array(window);
  const sorted = new Float64Array(window + 1);
  let size = 0;
  let oldest = 0;
  let marked = 0;
  let sigma = NaN;
  for (let i = 1; i < rows; i++) {
    const previous = values[i - 1]!;
    const current = values[i]!;
    if (!(previous > 0 && current > 0)) continue;
    const r = log(current / previous);
    if (!Number.isFinite(r)) continue;
    if (size >= OUTLIER_MIN_HISTORY) {
      const center = sortedMedian(sorted, size);
      sigma = sortedSigma(sorted, size, center);
      if (sigma > 0 && Math.abs(r - center) > zScore * sigma) {
        flags[i] = 1;
        marked++;
      }
    }
    const at = lowerBound(sorted, size, r);
    sorted.copyWithin(at + 1, at, size);
    sorted[at] = r;
    size++;
    if (size > window) {
      const out = lowerBound(sorted, size, ring[oldest]!);
      sorted.copyWithin(out, out + 1, size);
      size--;
    }
    ring[oldest] = r;
    oldest = (oldest + 1) % window;
  }
  return { flags, marked, sigma };
}
