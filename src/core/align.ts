/**
 * Joins on-chain series (one value per UTC day, stamped at the day's 00:00) onto price bars
 * without look-ahead. A value stamped at day D describes the whole of day D, so it cannot be known
 * before D ends, and publishers add their own delay: it becomes visible at the first price bar that
 * opens at or after D + publicationLagBars on-chain periods. With daily prices that is bar D + lag
 * (lag 1: never at bar D); with hourly prices it is 00:00 of day D + lag, not 01:00 of day D. The
 * lag is at least 1: lag 0 would show day D's total at the bars inside day D.
 *
 * A visible value stays current for one on-chain period. After that it is forward-filled for at
 * most `maxForwardFill` periods (days) and then NaN: stale data is marked missing, never stretched
 * further. Both counts are reported per column so the UI can say how much of a feature is filled.
 */
import type { Frame } from './frame';

export interface AlignOptions {
  /** On-chain periods between a value's own time and the first bar that may see it (default 1). */
  publicationLagBars?: number;
  /** On-chain periods a value may be carried past its own (default 3). */
  maxForwardFill?: number;
}

export interface AlignStats {
  column: string;
  /** Price bars showing a carried-forward value. */
  filled: number;
  /** Price bars left NaN: before the first visible value, or beyond the fill limit. */
  missing: number;
}

export interface AlignResult {
  frame: Frame;
  stats: AlignStats[];
}

export function alignOnchain(price: Frame, onchain: Frame, options: AlignOptions = {}): AlignResult {
  const { publicationLagBars = 1, maxForwardFill = 3 } = options;
  if (!Number.isInteger(publicationLagBars) || publicationLagBars < 1) {
    // Lag 0 would show day D's value (a total over the whole day) at every bar of day D.
    throw new Error(
      `alignOnchain: publicationLagBars must be a whole number >= 1, got ${publicationLagBars}: a day's on-chain value describes the whole day, ` +
        'so it is known at the earliest at the next day\'s first bar (lag 1); set onchain.publicationLagBars to 1 or more',
    );
  }
  if (!Number.isInteger(maxForwardFill) || maxForwardFill < 0) {
    throw new Error(`alignOnchain: maxForwardFill must be a whole number >= 0, got ${maxForwardFill}`);
  }
  const period = onchainPeriod(onchain);
  const lagMs = publicationLagBars * period;
  // Copies: frames are transferred to workers, which detaches their buffers.
  const columns: Record<string, Float64Array> = {};
  for (const [name, values] of Object.entries(price.columns)) columns[name] = values.slice();
  const stats: AlignStats[] = [];
  for (const [name, values] of Object.entries(onchain.columns)) {
    if (name in price.columns) {
      throw new Error(`alignOnchain: the on-chain column "${name}" would overwrite the price frame's column of that name; rename one`);
    }
    const out = new Float64Array(price.time.length);
    const stat: AlignStats = { column: name, filled: 0, missing: 0 };
    let next = 0; // the next on-chain row not yet visible
    let latest = -1; // the latest visible on-chain row with a value
    for (let bar = 0; bar < price.time.length; bar++) {
      const open = price.time[bar]!;
      while (next < onchain.time.length && onchain.time[next]! + lagMs <= open) {
        if (!Number.isNaN(values[next]!)) latest = next;
        next++;
      }
      if (latest < 0) {
        out[bar] = NaN;
        stat.missing++;
        continue;
      }
      // Whole periods since the value became visible: 0 while current, then 1, 2, ... when carried.
      const carried = Math.floor((open - (onchain.time[latest]! + lagMs)) / period);
      if (carried === 0) out[bar] = values[latest]!;
      else if (carried <= maxForwardFill) {
        out[bar] = values[latest]!;
        stat.filled++;
      } else {
        out[bar] = NaN;
        stat.missing++;
      }
    }
    columns[name] = out;
    stats.push(stat);
  }
  return { frame: { time: price.time.slice(), columns, meta: { ...price.meta } }, stats };
}

/** The on-chain bar length: its meta, or else the median step of its times. */
function onchainPeriod(onchain: Frame): number {
  if (onchain.meta.intervalMs > 0) return onchain.meta.intervalMs;
  const steps: number[] = [];
  for (let i = 1; i < onchain.time.length; i++) steps.push(onchain.time[i]! - onchain.time[i - 1]!);
  steps.sort((a, b) => a - b);
  const median = steps[steps.length >> 1];
  if (median === undefined || !(median > 0)) {
    throw new Error(`alignOnchain: "${onchain.meta.name}" has no known bar length (meta.intervalMs is 0 and fewer than 2 rows)`);
  }
  return median;
}
