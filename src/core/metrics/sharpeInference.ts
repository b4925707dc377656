/**
 * Probabilistic and deflated Sharpe ratios (Bailey & Lopez de Prado 2012, 2014). Sharpe ratios
 * here are per period (not annualized): mean / std(n-1) of the returns, rf = 0.
 */
import { excessKurtosis, mean, sampleStd, skewness } from './moments';
import { normalCdf, normalInv } from './normal';

type Series = Float32Array | Float64Array | readonly number[];

const EULER_MASCHERONI = 0.5772156649015329;

/**
 * PSR = Phi((SR - SR*) sqrt(n - 1) / sqrt(1 - skew SR + (kurt - 1) / 4 SR^2)), kurt = excess + 3.
 * Skew and kurtosis are the adjusted sample estimators of ./moments (G1, G2 + 3), the same as the
 * tearsheet reports. NaN when n < 4 or the returns are constant.
 */
export function probabilisticSharpe(returns: Series, benchmarkSharpe = 0): number {
  const n = returns.length;
  const std = sampleStd(returns);
  if (n < 4 || !(std > 0)) return NaN;
  const sr = mean(returns) / std;
  const kurtosis = excessKurtosis(returns) + 3;
  const denominator = 1 - skewness(returns) * sr + ((kurtosis - 1) / 4) * sr * sr;
  // A very skewed, high-Sharpe sample can make the variance estimate non-positive.
  if (!(denominator > 0)) return NaN;
  return normalCdf(((sr - benchmarkSharpe) * Math.sqrt(n - 1)) / Math.sqrt(denominator));
}

/**
 * Expected maximum Sharpe ratio of N independent trials with true Sharpe 0 and variance V:
 * sqrt(V) ((1 - gamma) Phi^-1(1 - 1/N) + gamma Phi^-1(1 - 1/(N e))), gamma = Euler-Mascheroni.
 * One trial has no selection bias: 0.
 */
export function expectedMaxSharpe(trials: number, sharpeVariance: number): number {
  if (!Number.isInteger(trials) || trials < 1) throw new Error(`expectedMaxSharpe: trials must be an integer >= 1, got ${trials}`);
  if (!(sharpeVariance >= 0) || !Number.isFinite(sharpeVariance)) {
    throw new Error(`expectedMaxSharpe: sharpeVariance must be a finite number >= 0 (per-period Sharpe units), got ${sharpeVariance}`);
  }
  if (trials === 1) return 0;
  return (
    Math.sqrt(sharpeVariance) *
    ((1 - EULER_MASCHERONI) * normalInv(1 - 1 / trials) + EULER_MASCHERONI * normalInv(1 - 1 / (trials * Math.E)))
  );
}

/** DSR = PSR against SR* = expectedMaxSharpe(trials, variance of the trials' per-period Sharpe ratios). */
export function deflatedSharpe(returns: Series, trials: number, sharpeVariance: number): number {
  return probabilisticSharpe(returns, expectedMaxSharpe(trials, sharpeVariance));
}
