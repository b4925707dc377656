/**
 * One-call performance summary of per-period simple returns. Conventions (README section 5,
 * quantstats / PerformanceAnalytics): rf = 0; volatility and Sharpe use std(n-1) * sqrt(periods);
 * Sortino's downside is over all n periods; drawdowns compound wealth from a starting peak of 1;
 * CAGR uses the calendar span given as `years`. Undefined values are NaN.
 */
import { drawdownSummary, type DrawdownEpisode } from './drawdown';
import { excessKurtosis, skewness } from './moments';
import { deflatedSharpe, probabilisticSharpe } from './sharpeInference';
import { gaussianCvar, gaussianVar, historicalCvar, historicalVar, omega } from './tailRisk';
import { exposure, hitRate, payoffRatio, profitFactor, tradeCount } from './tradeStats';
import { annualVolatility, cagr, maxDrawdown, sharpe, sortino, totalReturn } from './trading';

type Series = Float32Array | Float64Array | readonly number[];

export interface TearsheetInput {
  returns: Series;
  /** End of each period, UTC ms. */
  times: Float64Array;
  /** Start of the first period, UTC ms (the time of the starting capital, a drawdown peak). */
  startTime: number;
  periodsPerYear: number;
  /** Calendar years from the first period's start to the last period's end. */
  years: number;
  /** Position held in each period, for exposure and trades. */
  positions?: Series;
  /** Strategies tried to find this one, for the deflated Sharpe ratio. */
  trials?: { count: number; sharpeVariance: number };
}

export interface Tearsheet {
  periods: number;
  totalReturn: number;
  cagr: number;
  annualVolatility: number;
  sharpe: number;
  sortino: number;
  calmar: number;
  /** Negative fraction (quantstats sign). */
  maxDrawdown: number;
  maxDrawdownEpisode: DrawdownEpisode | null;
  longestDrawdown: DrawdownEpisode | null;
  /** Historical, type-7 quantile; returns (negative = loss). */
  var95: number;
  cvar95: number;
  gaussianVar95: number;
  gaussianCvar95: number;
  omega: number;
  hitRate: number;
  profitFactor: number;
  payoffRatio: number;
  /** NaN without positions. */
  exposure: number;
  /** NaN without positions. */
  trades: number;
  skewness: number;
  excessKurtosis: number;
  probabilisticSharpe: number;
  /** NaN without trials. */
  deflatedSharpe: number;
}

/** CAGR / |max drawdown| (PerformanceAnalytics CalmarRatio); NaN without a drawdown. */
export function calmar(returns: Series, years: number): number {
  const drawdown = maxDrawdown(returns);
  return drawdown === 0 ? NaN : cagr(returns, years) / Math.abs(drawdown);
}

export function tearsheet(input: TearsheetInput): Tearsheet {
  const { returns, times, startTime, periodsPerYear, years, positions, trials } = input;
  for (let i = 0; i < returns.length; i++) {
    if (!Number.isFinite(returns[i]!)) throw new Error(`tearsheet: returns[${i}] is ${returns[i]}; every period needs a finite return`);
  }
  if (positions !== undefined && positions.length !== returns.length) {
    throw new Error(`tearsheet: positions has ${positions.length} values, returns has ${returns.length}: pass one position per period`);
  }
  const { max, longest } = drawdownSummary(returns, times, startTime);
  return {
    periods: returns.length,
    totalReturn: totalReturn(returns),
    cagr: cagr(returns, years),
    annualVolatility: annualVolatility(returns, periodsPerYear),
    sharpe: sharpe(returns, periodsPerYear),
    sortino: sortino(returns, periodsPerYear),
    calmar: calmar(returns, years),
    maxDrawdown: maxDrawdown(returns),
    maxDrawdownEpisode: max,
    longestDrawdown: longest,
    var95: historicalVar(returns, 0.95),
    cvar95: historicalCvar(returns, 0.95),
    gaussianVar95: gaussianVar(returns, 0.95),
    gaussianCvar95: gaussianCvar(returns, 0.95),
    omega: omega(returns, 0),
    hitRate: hitRate(returns),
    profitFactor: profitFactor(returns),
    payoffRatio: payoffRatio(returns),
    exposure: positions === undefined ? NaN : exposure(positions),
    trades: positions === undefined ? NaN : tradeCount(positions),
    skewness: skewness(returns),
    excessKurtosis: excessKurtosis(returns),
    probabilisticSharpe: probabilisticSharpe(returns),
    deflatedSharpe: trials === undefined ? NaN : deflatedSharpe(returns, trials.count, trials.sharpeVariance),
  };
}
