import { feature, type FeatureDefinition, type FeatureDeclaration } from './definition';
import { adxFeature, minusDiFeature, plusDiFeature } from '../../spec/features/oscillators';
import { checkPeriod } from './period';

export interface AdxResult {
  plusDi: Float64Array;
  minusDi: Float64Array;
  adx: Float64Array;
}

/**
 * Wilder's directional movement system, as Stock.Indicators computes it. Over the bars after the
 * first, TR, +DM and -DM are summed for `period` bars, then smoothed as s = s - s / period + x
 * (Wilder's running sum, not a mean; the ratio +DI = 100 * +DM / TR is the same). +DI and -DI
 * start at index `period`; DX = 100 * |+DI - -DI| / (+DI + -DI); ADX is the mean of the first
 * `period` DX values (index 2 * period - 1), then adx = (adx * (period - 1) + dx) / period.
 * A bar with a missing value is skipped (NaN out, state kept), as in atr.ts. A window with no
 * range at all (smoothed TR = 0) has no directional movement: +DI = -DI = DX = 0.
 */
export function adx(high: Float64Array, low: Float64Array, close: Float64Array, period = 14): AdxResult {
  checkPeriod('adx', period);
  const n = close.length;
  const plusDi = new Float64Array(n).fill(NaN);
  const minusDi = new Float64Array(n).fill(NaN);
  const adxOut = new Float64Array(n).fill(NaN);
  let prevHigh = NaN;
  let prevLow = NaN;
  let prevClose = NaN;
  let moves = 0;
  let trs = 0;
  let pdms = 0;
  let mdms = 0;
  let dxCount = 0;
  let adxValue = 0;
  for (let t = 0; t < n; t++) {
    const h = high[t]!;
    const l = low[t]!;
    const c = close[t]!;
    if (Number.isNaN(h) || Number.isNaN(l) || Number.isNaN(c)) continue;
    const first = Number.isNaN(prevClose);
    const tr = Math.max(h - l, Math.abs(h - prevClose), Math.abs(l - prevClose));
    const up = h - prevHigh;
    const down = prevLow - l;
    prevHigh = h;
    prevLow = l;
    prevClose = c;
    if (first) continue;
    const pdm = up > down ? Math.max(up, 0) : 0;
    const mdm = down > up ? Math.max(down, 0) : 0;
    moves++;
    if (moves <= period) {
      trs += tr;
      pdms += pdm;
      mdms += mdm;
      if (moves < period) continue;
    } else {
      trs = trs - trs / period + tr;
      pdms = pdms - pdms / period + pdm;
      mdms = mdms - mdms / period + mdm;
    }
    const pdi = trs === 0 ? 0 : (100 * pdms) / trs;
    const mdi = trs === 0 ? 0 : (100 * mdms) / trs;
    plusDi[t] = pdi;
    minusDi[t] = mdi;
    const dx = pdi + mdi === 0 ? 0 : (100 * Math.abs(pdi - mdi)) / (pdi + mdi);
    dxCount++;
    if (dxCount < period) adxValue += dx;
    else if (dxCount === period) adxValue = (adxValue + dx) / period;
    else adxValue = (adxValue * (period - 1) + dx) / period;
    if (dxCount >= period) adxOut[t] = adxValue;
  }
  return { plusDi, minusDi, adx: adxOut };
}

function adxDefinition(declaration: FeatureDeclaration, pick: (r: AdxResult) => Float64Array): FeatureDefinition {
  return feature(declaration, (input, p) => pick(adx(input('high'), input('low'), input('close'), p('period'))));
}

export const ADX_FEATURES: readonly FeatureDefinition[] = [
  adxDefinition(adxFeature, (r) => r.adx),
  adxDefinition(plusDiFeature, (r) => r.plusDi),
  adxDefinition(minusDiFeature, (r) => r.minusDi),
];
