/**
 * Forecast accuracy. Pairs where either side is NaN are skipped; `n` counts the pairs used.
 * No pairs gives NaN.
 */
type Series = Float32Array | Float64Array;

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
