import { isoDate } from '../../core/frame';
import { tearsheet, type TearsheetInput } from '../../core/metrics/tearsheet';
import type { TradingMetricsReport } from '../report';
import { finiteOrNull } from './metricsReport';

const isoOrNull = (ms: number | null | undefined): string | null => (ms === null || ms === undefined ? null : isoDate(ms));

/** The tearsheet of a return series in report form (JSON-safe: null for undefined values). */
export function tearsheetReport(input: TearsheetInput, turnover: number | null): TradingMetricsReport {
  const t = tearsheet(input);
  const episode = t.maxDrawdownEpisode;
  return {
    periods: t.periods,
    totalReturn: finiteOrNull(t.totalReturn),
    cagr: finiteOrNull(t.cagr),
    annualVolatility: finiteOrNull(t.annualVolatility),
    sharpe: finiteOrNull(t.sharpe),
    sortino: finiteOrNull(t.sortino),
    calmar: finiteOrNull(t.calmar),
    maxDrawdown: finiteOrNull(t.maxDrawdown),
    maxDrawdownStart: isoOrNull(episode?.peakTime),
    maxDrawdownTrough: isoOrNull(episode?.troughTime),
    maxDrawdownRecovery: isoOrNull(episode?.recoveryTime),
    longestDrawdownDays: finiteOrNull(t.longestDrawdown?.days ?? NaN),
    var95: finiteOrNull(t.var95),
    cvar95: finiteOrNull(t.cvar95),
    hitRate: finiteOrNull(t.hitRate),
    profitFactor: finiteOrNull(t.profitFactor),
    payoffRatio: finiteOrNull(t.payoffRatio),
    exposure: finiteOrNull(t.exposure),
    trades: Number.isFinite(t.trades) ? t.trades : 0,
    turnover,
    skewness: finiteOrNull(t.skewness),
    excessKurtosis: finiteOrNull(t.excessKurtosis),
    probabilisticSharpe: finiteOrNull(t.probabilisticSharpe),
    deflatedSharpe: finiteOrNull(t.deflatedSharpe),
  };
}
