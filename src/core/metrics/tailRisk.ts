/**
 * Tail risk of per-period simple returns, reported as returns (a loss is negative), as quantstats
 * does. Confidence 0.95 looks at the worst 5 %.
 */
import { mean, sampleStd } from './moments';
import { normalInv, normalPdf } from './normal';

type Series = Float32Array | Float64Array | readonly number[];

function tailProbability(name: string, confidence: number): number {
  if (!(confidence > 0 && confidence < 1)) throw new Error(`${name}: confidence must be in (0, 1) (0.95 for 95 %), got ${confidence}`);
  return 1 - confidence;
}

/** Gaussian VaR: mean + z(1 - confidence) * std(n-1). Same as quantstats `value_at_risk`. */
export function gaussianVar(returns: Series, confidence = 0.95): number {
  const alpha = tailProbability('gaussianVar', confidence);
  return mean(returns) + normalInv(alpha) * sampleStd(returns);
}

/**
 * Gaussian expected shortfall: mean - std(n-1) * phi(z) / (1 - confidence). (quantstats `cvar`
 * is different: the mean of the observed returns below the Gaussian VaR; see `quantstatsCvar`.)
 */
export function gaussianCvar(returns: Series, confidence = 0.95): number {
  const alpha = tailProbability('gaussianCvar', confidence);
  return mean(returns) - (sampleStd(returns) * normalPdf(normalInv(alpha))) / alpha;
}

/** quantstats `conditional_value_at_risk`: mean of returns strictly below gaussianVar, else that VaR. */
export function quantstatsCvar(returns: Series, confidence = 0.95): number {
  tailProbability('quantstatsCvar', confidence);
  const threshold = gaussianVar(returns, confidence);
  let sum = 0;
  let count = 0;
  for (let i = 0; i < returns.length; i++) {
    if (returns[i]! < threshold) {
      sum += returns[i]!;
      count++;
    }
  }
  return count === 0 ? threshold : sum / count;
}

/**
 * Historical VaR: the (1 - confidence) quantile with linear interpolation between order
 * statistics at h = (n - 1) * (1 - confidence) (Hyndman-Fan type 7: numpy/pandas default,
 * empyrical `value_at_risk`).
 */
export function historicalVar(returns: Series, confidence = 0.95): number {
  const alpha = tailProbability('historicalVar', confidence);
  if (returns.length === 0) return NaN;
  const sorted = Float64Array.from(returns).sort();
  const h = (sorted.length - 1) * alpha;
  const lo = Math.floor(h);
  const hi = Math.min(lo + 1, sorted.length - 1);
  return sorted[lo]! + (h - lo) * (sorted[hi]! - sorted[lo]!);
}

/** Historical CVaR: mean of the returns at or below historicalVar (never empty: the minimum is). */
export function historicalCvar(returns: Series, confidence = 0.95): number {
  tailProbability('historicalCvar', confidence);
  const threshold = historicalVar(returns, confidence);
  let sum = 0;
  let count = 0;
  for (let i = 0; i < returns.length; i++) {
    if (returns[i]! <= threshold) {
      sum += returns[i]!;
      count++;
    }
  }
  return count === 0 ? NaN : sum / count;
}

/** Omega ratio, simple method: sum(max(r - L, 0)) / sum(max(L - r, 0)); NaN with no loss and no gain. */
export function omega(returns: Series, threshold = 0): number {
  let gains = 0;
  let losses = 0;
  for (let i = 0; i < returns.length; i++) {
    const excess = returns[i]! - threshold;
    if (excess > 0) gains += excess;
    else losses -= excess;
  }
  if (losses === 0) return gains === 0 ? NaN : Infinity;
  return gains / losses;
}
