import { backtestLongFlat } from '../../core/backtest/longFlat';
import { column, isoDate } from '../../core/frame';
import { annualVolatility, cagr, maxDrawdown, sharpe, sortino, totalReturn } from '../../core/metrics/trading';
import type { CellContext } from '../runState';
import type { CellOf } from '../schema';
import type { TradingMetricsReport } from '../report';
import { finiteOrNull } from './metricsReport';
import { need } from './need';

const YEAR_MS = 365.25 * 86_400_000;

function tradingMetrics(returns: Float64Array, position: Float64Array | null, trades: number, periodsPerYear: number, years: number): TradingMetricsReport {
  let exposed = 0;
  if (position) for (const p of position) if (p !== 0) exposed++;
  return {
    sharpe: finiteOrNull(sharpe(returns, periodsPerYear)),
    sortino: finiteOrNull(sortino(returns, periodsPerYear)),
    maxDrawdown: finiteOrNull(maxDrawdown(returns)),
    totalReturn: finiteOrNull(totalReturn(returns)),
    cagr: finiteOrNull(cagr(returns, years)),
    annualVolatility: finiteOrNull(annualVolatility(returns, periodsPerYear)),
    trades,
    exposure: position ? finiteOrNull(exposed / position.length) : 1,
  };
}

export async function runBacktestCell(cell: CellOf<'backtest'>, ctx: CellContext): Promise<void> {
  const data = need(ctx.state, 'data', 'backtest', 'data');
  const forecast = need(ctx.state, 'forecast', 'backtest', 'walkforward');
  const frame = data.frame;
  const signal = new Float64Array(frame.time.length).fill(NaN);
  forecast.rows.forEach((row, i) => {
    signal[row] = forecast.predicted[i]!;
  });
  const result = backtestLongFlat({
    time: frame.time,
    forecast: signal,
    open: column(frame, 'open'),
    close: column(frame, 'close'),
    execution: cell.execution,
    threshold: cell.threshold,
    feeBps: cell.feeBps,
  });
  if (result.returns.length < 2) throw new Error('the backtest has fewer than 2 periods: add folds or test rows');
  const first = result.time[0]!;
  const last = result.time[result.time.length - 1]!;
  // Calendar time for CAGR: from the start of the first period (one bar before its end) to the last end.
  const startMs = first - (frame.meta.intervalMs || 86_400_000);
  const years = (last - startMs) / YEAR_MS;
  ctx.state.backtest = {
    start: isoDate(startMs),
    end: isoDate(last),
    periodsPerYear: cell.periodsPerYear,
    execution: cell.execution,
    feeBps: cell.feeBps,
    threshold: cell.threshold,
    strategy: tradingMetrics(result.returns, result.position, result.trades, cell.periodsPerYear, years),
    buyAndHold: tradingMetrics(result.buyHoldReturns, null, 1, cell.periodsPerYear, years),
  };
  ctx.state.equity = {
    time: Array.from(result.time),
    strategy: Array.from(result.equity),
    buyAndHold: Array.from(result.buyHoldEquity),
  };
  ctx.progress(1, `backtest over ${result.returns.length} periods, ${result.trades} trades`);
}
