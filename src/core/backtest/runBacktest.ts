/**
 * Backtest of a forecast series with next-bar execution. The forecast made at the close of bar
 * t decides a position that is traded at bar t+1 (its open or its close, `execution`) and held
 * until the same point of bar t+2. A signal at bar t therefore never trades at bar t, and no
 * period's return depends on information from after the period started.
 */
import type { BacktestResult } from './longFlat';
import { volTargetScale, type VolTarget } from './volTarget';
import type { BacktestRuleId } from '../../spec';

export type { VolTarget } from './volTarget';

/** The rules are declared in src/spec/backtestRules.ts. */
export type BacktestRule = BacktestRuleId;

export interface RunBacktestInput {
  time: Float64Array;
  /** Forecast made at the close of bar t; NaN = none (flat). */
  forecast: Float64Array;
  open: Float64Array;
  close: Float64Array;
  /**
   * long-flat: 1 when forecast > threshold, else 0. long-short: 1 above the threshold, -1 below,
   * 0 when equal. threshold: 1 when forecast > threshold, -1 when < -threshold, else 0.
   */
  rule: BacktestRule;
  threshold: number;
  execution: 'open' | 'close';
  /** Fee and slippage, each in basis points of the traded notional (|position change|). */
  feeBps: number;
  slippageBps: number;
  volTarget?: VolTarget;
}

export interface RunBacktestResult extends BacktestResult {
  /** Fee + slippage paid at the start of each period, as a fraction of capital. */
  costs: Float64Array;
}

function signal(rule: BacktestRule, forecast: number, threshold: number): number {
  if (Number.isNaN(forecast)) return 0;
  if (rule === 'long-flat') return forecast > threshold ? 1 : 0;
  if (rule === 'long-short') return Math.sign(forecast - threshold);
  return forecast > threshold ? 1 : forecast < -threshold ? -1 : 0;
}

function validate(name: string, input: RunBacktestInput): void {
  const { time, forecast, open, close, rule, execution, threshold, feeBps, slippageBps } = input;
  for (const [field, values] of [['forecast', forecast], ['open', open], ['close', close]] as const) {
    if (values.length !== time.length) throw new Error(`${name}: ${field} has ${values.length} rows, time has ${time.length}: align them first`);
  }
  if (rule !== 'long-flat' && rule !== 'long-short' && rule !== 'threshold') {
    throw new Error(`${name}: rule must be 'long-flat', 'long-short' or 'threshold', got ${JSON.stringify(rule)}`);
  }
  if (execution !== 'open' && execution !== 'close') {
    throw new Error(`${name}: execution must be 'open' or 'close', got ${JSON.stringify(execution)}`);
  }
  if (!Number.isFinite(threshold)) throw new Error(`${name}: threshold must be a finite number, got ${threshold}`);
  if (rule === 'threshold' && threshold < 0) throw new Error(`${name}: the 'threshold' rule needs threshold >= 0 (a band of +-threshold), got ${threshold}`);
  for (const [field, value] of [['feeBps', feeBps], ['slippageBps', slippageBps]] as const) {
    if (!(value >= 0) || !Number.isFinite(value)) throw new Error(`${name}: ${field} must be a number >= 0, got ${value}`);
  }
}

/**
 * Period i belongs to decision bar t = first + i, where `first` is the first bar with a forecast;
 * periods run while a later bar has a forecast and p[t+2] exists. With cost = (fee + slippage)
 * / 1e4 paid on the capital traded at the start of the period:
 *   r = (1 - cost * |position change|) * (1 + position * (p[t+2] / p[t+1] - 1)) - 1.
 * Buy-and-hold covers the same periods and pays the cost once, on entry.
 */
export function backtestNamed(name: string, input: RunBacktestInput): RunBacktestResult {
  validate(name, input);
  const { time, forecast, open, close, rule, threshold, execution, feeBps, slippageBps, volTarget } = input;
  const n = time.length;
  const prices = execution === 'open' ? open : close;
  const price = (row: number): number => {
    const p = prices[row]!;
    if (!(p > 0)) throw new Error(`${name}: ${execution}[${row}] is ${p}; clean or fill prices before backtesting`);
    return p;
  };
  const scale = volTarget === undefined ? () => 1 : volTargetScale(name, prices, volTarget);

  let first = -1;
  let last = -1;
  for (let t = 0; t < n; t++) {
    if (Number.isNaN(forecast[t]!)) continue;
    if (first < 0) first = t;
    last = t;
  }
  const lastDecision = Math.min(last, n - 3);
  const periods = first < 0 || lastDecision < first ? 0 : lastDecision - first + 1;

  const result: RunBacktestResult = {
    time: new Float64Array(periods),
    position: new Float64Array(periods),
    returns: new Float64Array(periods),
    equity: new Float64Array(periods),
    buyHoldReturns: new Float64Array(periods),
    buyHoldEquity: new Float64Array(periods),
    costs: new Float64Array(periods),
    trades: 0,
    turnover: 0,
  };
  const cost = (feeBps + slippageBps) / 1e4;
  let previous = 0;
  let equity = 1;
  let buyHold = 1;
  for (let i = 0; i < periods; i++) {
    const t = first + i;
    const growth = price(t + 2) / price(t + 1);
    const direction = signal(rule, forecast[t]!, threshold);
    // scale(t) reads prices up to bar t only: known at the decision.
    const position = direction === 0 ? 0 : direction * scale(t);
    const change = Math.abs(position - previous);
    const r = (1 - cost * change) * (1 + position * (growth - 1)) - 1;
    const bh = (i === 0 ? 1 - cost : 1) * growth - 1;
    equity *= 1 + r;
    buyHold *= 1 + bh;
    result.time[i] = time[t + 2]!;
    result.position[i] = position;
    result.returns[i] = r;
    result.equity[i] = equity;
    result.buyHoldReturns[i] = bh;
    result.buyHoldEquity[i] = buyHold;
    result.costs[i] = cost * change;
    if (change > 0) result.trades++;
    result.turnover += change;
    previous = position;
  }
  return result;
}

export function runBacktest(input: RunBacktestInput): RunBacktestResult {
  return backtestNamed('runBacktest', input);
}
