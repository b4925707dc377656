/**
 * Standardization fit on a training slice only, so no statistic leaks from later rows.
 */
export interface StandardScaler {
  mean: Float64Array;
  std: Float64Array;
}

/**
 * Per-column mean and population std over rows [start, end), ignoring NaN. A constant column
 * gets std 1 so scaling it gives zeros instead of dividing by zero.
 */
export function fitStandardScaler(columns: Float64Array[], start: number, end: number): StandardScaler {
  const mean = new Float64Array(columns.length);
  const std = new Float64Array(columns.length);
  columns.forEach((values, c) => {
    if (!Number.isInteger(start) || !Number.isInteger(end) || start < 0 || end <= start || end > values.length) {
      throw new Error(`fitStandardScaler: rows [${start}, ${end}) must be a non-empty range inside 0..${values.length}`);
    }
    // Two passes (mean, then squared deviations) keep the variance accurate for large prices.
    let sum = 0;
    let count = 0;
    for (let i = start; i < end; i++) {
      const v = values[i]!;
      if (Number.isNaN(v)) continue;
      sum += v;
      count++;
    }
    if (count === 0) {
      throw new Error(`fitStandardScaler: column ${c} has no values in rows [${start}, ${end}): start the training slice after its warm-up`);
    }
    const m = sum / count;
    let squares = 0;
    for (let i = start; i < end; i++) {
      const v = values[i]!;
      if (!Number.isNaN(v)) squares += (v - m) * (v - m);
    }
    const s = Math.sqrt(squares / count);
    mean[c] = m;
    std[c] = s === 0 ? 1 : s;
  });
  return { mean, std };
}

/** (x - mean) / std per column, as new arrays; NaN stays NaN. */
export function applyScaler(scaler: StandardScaler, columns: Float64Array[]): Float64Array[] {
  if (columns.length !== scaler.mean.length) {
    throw new Error(`applyScaler: the scaler was fit on ${scaler.mean.length} columns, got ${columns.length}`);
  }
  return columns.map((values, c) => {
    const m = scaler.mean[c]!;
    const s = scaler.std[c]!;
    const out = new Float64Array(values.length);
    for (let i = 0; i < values.length; i++) out[i] = (values[i]! - m) / s;
    return out;
  });
}
