import { backtestNamed } from './runBacktest';

/**
 * Long/flat backtest with next-bar execution. The forecast made at the close of bar t decides a
 * position that is traded at bar t+1 (its open or close) and held until the same point of bar
 * t+2, so no period's return can depend on a forecast made after the period started.
 */
export interface BacktestInput {
  time: Float64Array;
  /** Forecast made at the close of bar t; NaN = none. */
  forecast: Float64Array;
  open: Float64Array;
  close: Float64Array;
  execution: 'open' | 'close';
  threshold: number;
  feeBps: number;
}

export interface BacktestResult {
  /** Time of each period's end: the timestamp of bar t+2. */
  time: Float64Array;
  position: Float64Array;
  /** Strategy net simple returns per period. */
  returns: Float64Array;
  /** Value after each period, starting from 1. */
  equity: Float64Array;
  buyHoldReturns: Float64Array;
  buyHoldEquity: Float64Array;
  /** Number of position changes (entries and exits). */
  trades: number;
  /** Sum of |position change|. */
  turnover: number;
}

/**
 * Period i belongs to decision bar t = first + i, where `first` is the first bar with a forecast;
 * periods run while a later bar has a forecast and p[t+2] exists. Position = 1 when
 * forecast[t] > threshold, else 0 (a NaN forecast inside the range means flat).
 * The fee is paid on the capital traded at the start of the period, so
 * r = (1 - fee * |position change|) * (1 + position * (p[t+2] / p[t+1] - 1)) - 1.
 * Buy-and-hold covers the same periods and pays the fee once, on entry.
 */
export function backtestLongFlat(input: BacktestInput): BacktestResult {
  // Kept for its callers: the general engine with rule 'long-flat' and no slippage.
  const { costs: _costs, ...result } = backtestNamed('backtestLongFlat', { ...input, rule: 'long-flat', slippageBps: 0 });
  return result;
}
