/**
 * Baseline return forecasts for test rows. `rows` index the target series; target[t] is the
 * return from bar t to bar t + horizon, known only at bar t + horizon, while its forecast is made
 * at bar t. Each baseline uses only values known at its forecast time.
 */
type Rows = ArrayLike<number>;
type Series = Float32Array | Float64Array | readonly number[];

/** Zero return: the random-walk forecast of a price. */
export function naiveReturnForecast(rows: Rows): Float64Array {
  return new Float64Array(rows.length);
}

/** Mean of the training targets (NaN skipped), the same for every test row. */
export function driftForecast(trainTargets: Series, rows: Rows): Float64Array {
  let sum = 0;
  let n = 0;
  for (let i = 0; i < trainTargets.length; i++) {
    const v = trainTargets[i]!;
    if (Number.isNaN(v)) continue;
    sum += v;
    n++;
  }
  if (n === 0) throw new Error('driftForecast: the training targets have no values: pass the training slice of the target');
  return new Float64Array(rows.length).fill(sum / n);
}

/**
 * target[t - season] for row t. That value is known at t - season + horizon, which is <= t only
 * when season >= horizon, so a shorter season is refused. NaN before the first season.
 */
export function seasonalNaiveForecast(targets: Series, rows: Rows, season: number, horizon = 1): Float64Array {
  if (!Number.isInteger(horizon) || horizon < 1) throw new Error(`seasonalNaiveForecast: horizon must be an integer >= 1, got ${horizon}`);
  if (!Number.isInteger(season) || season < horizon) {
    throw new Error(
      `seasonalNaiveForecast: season must be an integer >= horizon (${horizon}), got ${season}: target[t - season] is not known at bar t otherwise`,
    );
  }
  const out = new Float64Array(rows.length);
  for (let i = 0; i < rows.length; i++) {
    const t = rows[i]!;
    if (!Number.isInteger(t) || t < 0 || t >= targets.length) {
      throw new Error(`seasonalNaiveForecast: rows[${i}] is ${t}, expected a row index in [0, ${targets.length})`);
    }
    out[i] = t - season >= 0 ? targets[t - season]! : NaN;
  }
  return out;
}
