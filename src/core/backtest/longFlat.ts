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
  const { time, forecast, open, close, execution, threshold, feeBps } = input;
  const n = time.length;
  for (const [name, values] of [['forecast', forecast], ['open', open], ['close', close]] as const) {
    if (values.length !== n) throw new Error(`backtestLongFlat: ${name} has ${values.length} rows, time has ${n}: align them first`);
  }
  if (execution !== 'open' && execution !== 'close') {
    throw new Error(`backtestLongFlat: execution must be 'open' or 'close', got ${JSON.stringify(execution)}`);
  }
  if (!Number.isFinite(threshold)) throw new Error(`backtestLongFlat: threshold must be a finite number, got ${threshold}`);
  if (!(feeBps >= 0) || !Number.isFinite(feeBps)) throw new Error(`backtestLongFlat: feeBps must be a number >= 0, got ${feeBps}`);
  const prices = execution === 'open' ? open : close;
  const price = (row: number): number => {
    const p = prices[row]!;
    if (!(p > 0)) throw new Error(`backtestLongFlat: ${execution}[${row}] is ${p}; clean or fill prices before backtesting`);
    return p;
  };

  let first = -1;
  let last = -1;
  for (let t = 0; t < n; t++) {
    if (Number.isNaN(forecast[t]!)) continue;
    if (first < 0) first = t;
    last = t;
  }
  const lastDecision = Math.min(last, n - 3);
  const periods = first < 0 || lastDecision < first ? 0 : lastDecision - first + 1;

  const result: BacktestResult = {
    time: new Float64Array(periods),
    position: new Float64Array(periods),
    returns: new Float64Array(periods),
    equity: new Float64Array(periods),
    buyHoldReturns: new Float64Array(periods),
    buyHoldEquity: new Float64Array(periods),
    trades: 0,
    turnover: 0,
  };
  const fee = feeBps / 1e4;
  let previous = 0;
  let equity = 1;
  let buyHold = 1;
  for (let i = 0; i < periods; i++) {
    const t = first + i;
    const growth = price(t + 2) / price(t + 1);
    const position = forecast[t]! > threshold ? 1 : 0;
    const change = Math.abs(position - previous);
    const r = (1 - fee * change) * (1 + position * (growth - 1)) - 1;
    const bh = (i === 0 ? 1 - fee : 1) * growth - 1;
    equity *= 1 + r;
    buyHold *= 1 + bh;
    result.time[i] = time[t + 2]!;
    result.position[i] = position;
    result.returns[i] = r;
    result.equity[i] = equity;
    result.buyHoldReturns[i] = bh;
    result.buyHoldEquity[i] = buyHold;
    if (change > 0) result.trades++;
    result.turnover += change;
    previous = position;
  }
  return result;
}
