import type { StitchedForecast } from '../runState';

/**
 * "Trade only when the interval excludes zero": forecasts whose conformal interval at `level`
 * contains zero become `flat`, a signal every rule maps to no position (the threshold of long-flat
 * and long-short, the middle of the threshold band).
 */
export function gateByInterval(forecast: StitchedForecast, level: number, flat: number) {
  const band = forecast.intervals?.find((b) => Math.abs(b.level - level) < 1e-9);
  if (!band) {
    const levels = forecast.intervals?.map((b) => b.level).join(', ');
    throw new Error(
      levels
        ? `backtest intervalGate ${level} is not one of the walk-forward's intervalLevels (${levels}): add it there or pick one of them`
        : `backtest intervalGate ${level} needs conformal intervals, which a direction model has none of: remove intervalGate`,
    );
  }
  let kept = 0;
  const signal = forecast.predicted.map((p, i) => {
    const excludesZero = band.lower[i]! > 0 || band.upper[i]! < 0;
    if (excludesZero) kept++;
    return excludesZero ? p : flat;
  });
  const n = signal.length;
  return {
    signal,
    report: { level, traded: kept, n, sentence: `${kept} of ${n} forecasts had a ${Math.round(level * 100)}% interval excluding zero; the others stayed flat` },
  };
}
