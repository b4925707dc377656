/**
 * The two cleaning fixes that ADD data rather than remove it: inserting missing bars inside short
 * gaps, and flagging outlier returns in a 0/1 column. Both count what they did; cleaning.ts's
 * applyFixes calls them after sorting and de-duplicating (times strictly increasing).
 */

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

/**
 * Inserts the missing bars of every gap of at most `maxBars` bars at the interval. An inserted
 * bar's open, high, low and close are the previous close (a flat bar), its volume is 0 and every
 * other column carries the previous value forward. `time` must be strictly increasing.
 */
export function forwardFillGaps(
  time: Float64Array,
  columns: Record<string, Float64Array>,
  lines: Int32Array,
  intervalMs: number,
  maxBars: number,
): GapFillResult {
  if (!Number.isInteger(maxBars) || maxBars < 0) throw new Error(`forwardFillGaps: the limit must be a whole number of bars >= 0, got ${maxBars}`);
  const rows = time.length;
  let barsInserted = 0;
  let gapsFilled = 0;
  let gapsLeft = 0;
  let largestGapLeft = 0;
  // First pass: count, so every output array is allocated once.
  for (let i = 1; i < rows; i++) {
    const step = time[i]! - time[i - 1]!;
    if (!(intervalMs > 0) || step <= intervalMs) continue;
    const missing = missingBars(step, intervalMs);
    if (missing > 0 && missing <= maxBars) {
      barsInserted += missing;
      gapsFilled++;
    } else {
      gapsLeft++;
      largestGapLeft = Math.max(largestGapLeft, missing > 0 ? missing : Math.round(step / intervalMs) - 1);
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
      const missing = intervalMs > 0 && step > intervalMs ? missingBars(step, intervalMs) : 0;
      if (missing > 0 && missing <= maxBars) {
        const previousClose = closeIndex >= 0 ? columns.close![i - 1]! : NaN;
        for (let k = 1; k <= missing; k++, o++) {
          outTime[o] = time[i - 1]! + k * intervalMs;
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

function median(values: Float64Array): number {
  if (values.length === 0) return NaN;
  const sorted = values.slice().sort();
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** 1 / Phi^-1(3/4): scales a median absolute deviation to a normal standard deviation. */
const MAD_TO_SIGMA = 1.482602218505602;

export interface OutlierResult {
  /** 1 where the bar's log return is an outlier, else 0 (the first bar and NaN returns are 0). */
  flags: Float64Array;
  marked: number;
  /** The robust sigma of the log returns (1.4826 x MAD) the threshold was measured in. */
  sigma: number;
}

/**
 * Flags bars whose log return ln(v[t] / v[t-1]) lies more than `zScore` robust sigmas from the
 * median return (sigma = 1.4826 x median absolute deviation, so one wild bar cannot hide itself
 * by inflating a standard deviation). Rows are only flagged, never dropped.
 */
export function markOutlierReturns(values: Float64Array, zScore: number): OutlierResult {
  if (!(zScore > 0) || !Number.isFinite(zScore)) throw new Error(`markOutliers: zScore must be a number > 0, got ${zScore}`);
  const rows = values.length;
  const returns = new Float64Array(rows).fill(NaN);
  const finite: number[] = [];
  for (let i = 1; i < rows; i++) {
    const previous = values[i - 1]!;
    const current = values[i]!;
    if (previous > 0 && current > 0) {
      const r = Math.log(current / previous);
      returns[i] = r;
      finite.push(r);
    }
  }
  const flags = new Float64Array(rows);
  const finiteReturns = Float64Array.from(finite);
  const center = median(finiteReturns);
  for (let i = 0; i < finiteReturns.length; i++) finiteReturns[i] = Math.abs(finiteReturns[i]! - center);
  const sigma = MAD_TO_SIGMA * median(finiteReturns);
  let marked = 0;
  if (!(sigma > 0)) return { flags, marked, sigma: Number.isNaN(sigma) ? NaN : sigma };
  for (let i = 1; i < rows; i++) {
    const r = returns[i]!;
    if (Math.abs(r - center) > zScore * sigma) {
      flags[i] = 1;
      marked++;
    }
  }
  return { flags, marked, sigma };
}
