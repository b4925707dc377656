/**
 * Per-period win/loss statistics (quantstats conventions: computed from the return series, not
 * from round-trip trades; zero returns are neither wins nor losses).
 */
type Series = Float32Array | Float64Array | readonly number[];

function split(returns: Series): { wins: number; losses: number; gain: number; loss: number } {
  let wins = 0;
  let losses = 0;
  let gain = 0;
  let loss = 0;
  for (let i = 0; i < returns.length; i++) {
    const r = returns[i]!;
    if (r > 0) {
      wins++;
      gain += r;
    } else if (r < 0) {
      losses++;
      loss -= r;
    }
  }
  return { wins, losses, gain, loss };
}

/** Wins / (wins + losses), zero returns excluded (quantstats win_rate). */
export function hitRate(returns: Series): number {
  const { wins, losses } = split(returns);
  return wins + losses === 0 ? NaN : wins / (wins + losses);
}

/** Sum of gains / |sum of losses|; Infinity without losses, NaN with neither. */
export function profitFactor(returns: Series): number {
  const { gain, loss } = split(returns);
  if (loss === 0) return gain === 0 ? NaN : Infinity;
  return gain / loss;
}

/** Mean gain of winning periods / |mean loss of losing periods|. */
export function payoffRatio(returns: Series): number {
  const { wins, losses, gain, loss } = split(returns);
  return wins === 0 || losses === 0 ? NaN : gain / wins / (loss / losses);
}

/** Share of periods holding a non-zero position. */
export function exposure(positions: Series): number {
  let held = 0;
  for (let i = 0; i < positions.length; i++) if (positions[i]! !== 0) held++;
  return positions.length === 0 ? NaN : held / positions.length;
}

/** Number of position changes, starting from flat (the backtest's `trades`). */
export function tradeCount(positions: Series): number {
  let trades = 0;
  let previous = 0;
  for (let i = 0; i < positions.length; i++) {
    if (positions[i]! !== previous) trades++;
    previous = positions[i]!;
  }
  return trades;
}
