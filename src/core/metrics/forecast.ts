/**
 * Forecast accuracy. Pairs where either side is NaN are skipped; `n` counts the pairs used.
 * No pairs gives NaN. Percentage errors are fractions (0.12 = 12 %), not percents.
 */
type Series = Float32Array | Float64Array | readonly number[];

export interface ForecastMetrics {
  rmse: number;
  mae: number;
  directionalAccuracy: number;
  n: number;
}

function pairs(name: string, actual: Series, predicted: Series, visit: (a: number, p: number) => void): number {
  if (actual.length !== predicted.length) {
    throw new Error(`${name}: actual has ${actual.length} values, predicted has ${predicted.length}: pass aligned series`);
  }
  let n = 0;
  for (let i = 0; i < actual.length; i++) {
    const a = actual[i]!;
    const p = predicted[i]!;
    if (Number.isNaN(a) || Number.isNaN(p)) continue;
    visit(a, p);
    n++;
  }
  return n;
}

export function rmse(actual: Series, predicted: Series): number {
  let sum = 0;
  const n = pairs('rmse', actual, predicted, (a, p) => (sum += (a - p) * (a - p)));
  return n === 0 ? NaN : Math.sqrt(sum / n);
}

export function mae(actual: Series, predicted: Series): number {
  let sum = 0;
  const n = pairs('mae', actual, predicted, (a, p) => (sum += Math.abs(a - p)));
  return n === 0 ? NaN : sum / n;
}

/** Share of pairs with sign(actual) === sign(predicted); 0 is its own sign. */
export function directionalAccuracy(actual: Series, predicted: Series): number {
  let hits = 0;
  const n = pairs('directionalAccuracy', actual, predicted, (a, p) => {
    if (Math.sign(a) === Math.sign(p)) hits++;
  });
  return n === 0 ? NaN : hits / n;
}

export function forecastMetrics(actual: Series, predicted: Series): ForecastMetrics {
  const n = pairs('forecastMetrics', actual, predicted, () => undefined);
  return {
    rmse: rmse(actual, predicted),
    mae: mae(actual, predicted),
    directionalAccuracy: directionalAccuracy(actual, predicted),
    n,
  };
}

/**
 * Mean of |a - p| / |a| over pairs with a !== 0 (a zero actual has no percentage error, so it
 * is skipped). Returns near zero make this explode: prefer MASE or sMAPE for return targets.
 */
export function mape(actual: Series, predicted: Series): number {
  let sum = 0;
  let used = 0;
  pairs('mape', actual, predicted, (a, p) => {
    if (a === 0) return;
    sum += Math.abs(a - p) / Math.abs(a);
    used++;
  });
  return used === 0 ? NaN : sum / used;
}

/** Mean of 2 |a - p| / (|a| + |p|), in [0, 2]; a pair with a = p = 0 counts as 0 error. */
export function smape(actual: Series, predicted: Series): number {
  let sum = 0;
  const n = pairs('smape', actual, predicted, (a, p) => {
    const denominator = Math.abs(a) + Math.abs(p);
    if (denominator > 0) sum += (2 * Math.abs(a - p)) / denominator;
  });
  return n === 0 ? NaN : sum / n;
}

/**
 * Hyndman's MASE scale: the in-sample mean absolute one-step naive error mean |y[t] - y[t-1]|
 * over the training series (NaN-adjacent differences are skipped).
 */
export function maseScale(trainActual: Series): number {
  let sum = 0;
  let n = 0;
  for (let t = 1; t < trainActual.length; t++) {
    const d = trainActual[t]! - trainActual[t - 1]!;
    if (Number.isNaN(d)) continue;
    sum += Math.abs(d);
    n++;
  }
  return n === 0 ? NaN : sum / n;
}

/** MAE / scale, scale from the training slice only (e.g. `maseScale(train)`). */
export function mase(actual: Series, predicted: Series, scale: number): number {
  if (!(scale > 0) || !Number.isFinite(scale)) {
    throw new Error(`mase: scale must be a positive finite number (the in-sample naive MAE), got ${scale}`);
  }
  return mae(actual, predicted) / scale;
}

/** 1 - SSE / SST with SST around the mean of the test actuals; NaN when the actuals are constant. */
export function r2(actual: Series, predicted: Series): number {
  let sumA = 0;
  const n = pairs('r2', actual, predicted, (a) => (sumA += a));
  if (n === 0) return NaN;
  const meanA = sumA / n;
  let sse = 0;
  let sst = 0;
  pairs('r2', actual, predicted, (a, p) => {
    sse += (a - p) ** 2;
    sst += (a - meanA) ** 2;
  });
  return sst === 0 ? NaN : 1 - sse / sst;
}

export interface ForecastMetricsFull extends ForecastMetrics {
  mape: number;
  smape: number;
  /** NaN unless `maseScale` is given. */
  mase: number;
  r2: number;
}

export function forecastMetricsFull(actual: Series, predicted: Series, options: { maseScale?: number } = {}): ForecastMetricsFull {
  return {
    ...forecastMetrics(actual, predicted),
    mape: mape(actual, predicted),
    smape: smape(actual, predicted),
    mase: options.maseScale === undefined ? NaN : mase(actual, predicted, options.maseScale),
    r2: r2(actual, predicted),
  };
}
