/** Volatility targeting: position size = annualVol / realized volatility, capped. */
export interface VolTarget {
  /** Target annualized volatility, e.g. 0.2. */
  annualVol: number;
  /** Number of past execution-price returns in the estimate (>= 2). */
  lookback: number;
  periodsPerYear: number;
  /** Cap on |position|. */
  maxLeverage: number;
}

/**
 * Returns scale(t) for a decision at the close of bar t. It uses the last `lookback` returns
 * p[s] / p[s-1] - 1 with s <= t: p[t] (open or close of bar t) is known at that close, p[t+1]
 * is not. Realized vol = std(n-1) * sqrt(periodsPerYear). Before `lookback` returns exist the
 * scale is 0 (flat); a zero realized vol gives maxLeverage.
 */
export function volTargetScale(name: string, prices: Float64Array, target: VolTarget): (t: number) => number {
  const { annualVol, lookback, periodsPerYear, maxLeverage } = target;
  for (const [field, value] of [['annualVol', annualVol], ['periodsPerYear', periodsPerYear], ['maxLeverage', maxLeverage]] as const) {
    if (!(value > 0) || !Number.isFinite(value)) throw new Error(`${name}: volTarget.${field} must be a positive number, got ${value}`);
  }
  if (!Number.isInteger(lookback) || lookback < 2) throw new Error(`${name}: volTarget.lookback must be an integer >= 2, got ${lookback}`);
  return (t) => {
    if (t - lookback < 0) return 0;
    let sum = 0;
    let squares = 0;
    const returns: number[] = [];
    for (let s = t - lookback + 1; s <= t; s++) {
      const r = prices[s]! / prices[s - 1]! - 1;
      if (!Number.isFinite(r)) throw new Error(`${name}: volTarget needs prices > 0; bar ${s - 1} or ${s} has none`);
      returns.push(r);
      sum += r;
    }
    const mean = sum / lookback;
    for (const r of returns) squares += (r - mean) ** 2;
    const realized = Math.sqrt(squares / (lookback - 1)) * Math.sqrt(periodsPerYear);
    return realized === 0 ? maxLeverage : Math.min(annualVol / realized, maxLeverage);
  };
}
