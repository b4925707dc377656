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
