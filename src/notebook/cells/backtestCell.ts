import { runBacktest } from '../../core/backtest/runBacktest';
import { column, isoDate } from '../../core/frame';
import { drawdownSeries, monthlyReturns, rollingSharpe } from '../../core/metrics/rolling';
import type { CellContext } from '../runState';
import type { CellOf } from '../schema';
import { finiteOrNull } from './metricsReport';
import { need } from './need';
import { tearsheetReport } from './tearsheetReport';
import { gateByInterval } from './intervalGate';

const YEAR_MS = 365.25 * 86_400_000;
const ROLLING_WINDOW = 90;

/**
 * The trials the deflated Sharpe ratio corrects for. Without the variance of the trials' Sharpe
 * ratios (a count from --trials, or a single earlier run), it uses their sampling variance under
 * the null of no skill, 1 / (T - 1) per-period Sharpe units for T periods (Bailey & Lopez de Prado).
 */
function deflationTrials(given: { count: number; sharpeVariance: number } | undefined, periods: number) {
  const count = given?.count ?? 1;
  if (count === 1) return { count, sharpeVariance: 0, sentence: 'one configuration counted: the deflated Sharpe equals the probabilistic Sharpe (pass --trials N, or run a sweep, to count the others)' };
  if (given && given.sharpeVariance > 0) {
    return { count, sharpeVariance: given.sharpeVariance, sentence: `${count} configurations counted; Sharpe variance ${given.sharpeVariance.toPrecision(3)} from their runs` };
  }
  const sharpeVariance = 1 / Math.max(1, periods - 1);
  return { count, sharpeVariance, sentence: `${count} configurations counted; Sharpe variance 1/(T-1) = ${sharpeVariance.toPrecision(3)} (no skill, T = ${periods} periods)` };
}

export async function runBacktestCell(cell: CellOf<'backtest'>, ctx: CellContext): Promise<void> {
  const data = need(ctx.state, 'data', 'backtest', 'data');
  const forecast = need(ctx.state, 'forecast', 'backtest', 'walkforward');
  const frame = data.frame;
  const signal = new Float64Array(frame.time.length).fill(NaN);
  const gated = cell.intervalGate === undefined ? null : gateByInterval(forecast, cell.intervalGate, cell.rule === 'threshold' ? 0 : cell.threshold);
  forecast.rows.forEach((row, i) => {
    signal[row] = gated ? gated.signal[i]! : forecast.predicted[i]!;
  });
  if (gated) ctx.state.tests.intervalGate = gated.report;
  const result = runBacktest({
    time: frame.time,
    forecast: signal,
    open: column(frame, 'open'),
    close: column(frame, 'close'),
    rule: cell.rule,
    threshold: cell.threshold,
    execution: cell.execution,
    feeBps: cell.feeBps,
    slippageBps: cell.slippageBps,
    ...(cell.volTarget ? { volTarget: { ...cell.volTarget, periodsPerYear: cell.periodsPerYear } } : {}),
  });
  if (result.returns.length < 2) throw new Error('the backtest has fewer than 2 periods: add folds or test rows');
  const last = result.time[result.time.length - 1]!;
  // Each period ends one bar after it starts; the first starts one bar before its end.
  const startMs = result.time[0]! - (frame.meta.intervalMs || 86_400_000);
  const years = (last - startMs) / YEAR_MS;
  const trials = deflationTrials(ctx.env.trials, result.returns.length);
  const common = { times: result.time, startTime: startMs, periodsPerYear: cell.periodsPerYear, years };

  ctx.state.backtest = {
    start: isoDate(startMs),
    end: isoDate(last),
    periodsPerYear: cell.periodsPerYear,
    execution: cell.execution,
    rule: cell.rule,
    feeBps: cell.feeBps,
    slippageBps: cell.slippageBps,
    threshold: cell.threshold,
    trials: trials.count,
    strategy: tearsheetReport({ ...common, returns: result.returns, positions: result.position, trials }, finiteOrNull(result.turnover)),
    buyAndHold: tearsheetReport({ ...common, returns: result.buyHoldReturns, positions: result.buyHoldReturns.map(() => 1) }, 1),
  };
  const monthly = monthlyReturns(result.returns, result.time);
  ctx.state.equity = {
    time: Array.from(result.time),
    strategy: Array.from(result.equity),
    buyAndHold: Array.from(result.buyHoldEquity),
    strategyReturns: Array.from(result.returns),
    position: Array.from(result.position),
    drawdown: Array.from(drawdownSeries(result.returns)),
    buyAndHoldDrawdown: Array.from(drawdownSeries(result.buyHoldReturns)),
    rollingSharpe: Array.from(rollingSharpe(result.returns, ROLLING_WINDOW, cell.periodsPerYear), finiteOrNull),
    rollingWindow: ROLLING_WINDOW,
  };
  ctx.state.tests.deflatedSharpe = {
    trials: trials.count,
    sharpeVariance: trials.sharpeVariance,
    sentence: trials.sentence,
  };
  ctx.state.monthly = { years: monthly.years, returns: monthly.months.map((row) => Array.from(row, finiteOrNull)) };
  ctx.progress(1, `backtest over ${result.returns.length} periods, ${result.trades} trades`);
}
