/**
 * Drawdowns of compounded wealth (starting at 1, which counts as a peak, as in
 * PerformanceAnalytics maxDrawdown(geometric = TRUE)). Period i ends at times[i]; the start of
 * the first period is `startTime`, the time of index -1.
 */
type Series = Float32Array | Float64Array | readonly number[];

const DAY_MS = 86_400_000;

/** Underwater curve: wealth / running peak - 1 after each period (<= 0). */
export function drawdownSeries(returns: Series): Float64Array {
  const out = new Float64Array(returns.length);
  let wealth = 1;
  let peak = 1;
  for (let i = 0; i < returns.length; i++) {
    wealth *= 1 + returns[i]!;
    if (wealth > peak) peak = wealth;
    out[i] = wealth / peak - 1;
  }
  return out;
}

export interface DrawdownEpisode {
  /** trough / peak - 1, <= 0. */
  depth: number;
  /** Index of the peak period; -1 = the starting capital. */
  peakIndex: number;
  troughIndex: number;
  /** First period whose wealth is back at the peak; null while still under water. */
  recoveryIndex: number | null;
  peakTime: number;
  troughTime: number;
  recoveryTime: number | null;
  /** Periods from the peak to the recovery (or to the last period when not recovered). */
  periods: number;
  /** Calendar days over the same span. */
  days: number;
}

/** Every episode below a previous peak, in time order. */
export function drawdownEpisodes(returns: Series, times: Float64Array, startTime: number): DrawdownEpisode[] {
  if (times.length !== returns.length) {
    throw new Error(`drawdownEpisodes: returns has ${returns.length} values, times has ${times.length}: pass one end time per period`);
  }
  if (!Number.isFinite(startTime)) throw new Error(`drawdownEpisodes: startTime must be a UTC ms timestamp, got ${startTime}`);
  const timeAt = (i: number): number => (i < 0 ? startTime : times[i]!);
  const episodes: DrawdownEpisode[] = [];
  const close = (peakIndex: number, peakWealth: number, troughIndex: number, troughWealth: number, recoveryIndex: number | null): void => {
    const endIndex = recoveryIndex ?? returns.length - 1;
    episodes.push({
      depth: troughWealth / peakWealth - 1,
      peakIndex,
      troughIndex,
      recoveryIndex,
      peakTime: timeAt(peakIndex),
      troughTime: timeAt(troughIndex),
      recoveryTime: recoveryIndex === null ? null : timeAt(recoveryIndex),
      periods: endIndex - peakIndex,
      days: (timeAt(endIndex) - timeAt(peakIndex)) / DAY_MS,
    });
  };
  let wealth = 1;
  let peakWealth = 1;
  let peakIndex = -1;
  let troughIndex = -1;
  let troughWealth = 1;
  for (let i = 0; i < returns.length; i++) {
    const r = returns[i]!;
    if (Number.isNaN(r)) throw new Error(`drawdownEpisodes: returns[${i}] is NaN; fill or drop missing periods first`);
    wealth *= 1 + r;
    if (wealth >= peakWealth) {
      if (troughIndex > peakIndex) close(peakIndex, peakWealth, troughIndex, troughWealth, i);
      peakWealth = wealth;
      peakIndex = i;
      troughIndex = i;
      troughWealth = wealth;
    } else if (wealth < troughWealth) {
      troughWealth = wealth;
      troughIndex = i;
    }
  }
  if (troughIndex > peakIndex) close(peakIndex, peakWealth, troughIndex, troughWealth, null);
  return episodes;
}

export interface DrawdownSummary {
  /** The deepest episode (the first of equals); null when wealth never fell below a peak. */
  max: DrawdownEpisode | null;
  /** The longest episode in periods (the first of equals); null likewise. */
  longest: DrawdownEpisode | null;
}

export function drawdownSummary(returns: Series, times: Float64Array, startTime: number): DrawdownSummary {
  let max: DrawdownEpisode | null = null;
  let longest: DrawdownEpisode | null = null;
  for (const episode of drawdownEpisodes(returns, times, startTime)) {
    if (max === null || episode.depth < max.depth) max = episode;
    if (longest === null || episode.periods > longest.periods) longest = episode;
  }
  return { max, longest };
}
