/** One-period returns. r[0] is NaN (no previous close); a NaN close makes its neighbours NaN. */

/** r[t] = ln(c[t] / c[t-1]). */
export function logReturns(close: Float64Array): Float64Array {
  const out = new Float64Array(close.length);
  if (close.length > 0) out[0] = NaN;
  for (let t = 1; t < close.length; t++) out[t] = Math.log(close[t]! / close[t - 1]!);
  return out;
}

/** r[t] = c[t] / c[t-1] - 1. */
export function simpleReturns(close: Float64Array): Float64Array {
  const out = new Float64Array(close.length);
  if (close.length > 0) out[0] = NaN;
  for (let t = 1; t < close.length; t++) out[t] = close[t]! / close[t - 1]! - 1;
  return out;
}
