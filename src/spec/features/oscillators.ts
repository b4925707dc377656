/** Momentum, volatility and trend indicators. */
import { z } from 'zod';
import { declareFeature, intField, noParams, periodField } from './declaration';

const close = ['close'];
const hlc = ['high', 'low', 'close'];
const period14 = () => z.strictObject({ period: periodField(14) });

export const rsiFeature = declareFeature({ name: 'rsi', label: 'RSI (Wilder)', description: "Wilder's relative strength index of the close, 0..100.", inputs: close, params: period14() });

const macdParams = () =>
  z.strictObject({
    fast: intField('Bars of the fast EMA.', 12),
    slow: intField('Bars of the slow EMA.', 26),
    signal: intField('Bars of the signal EMA.', 9),
  });
export const macdFeature = declareFeature({ name: 'macd', label: 'MACD', description: 'EMA(fast) - EMA(slow) of the close.', inputs: close, params: macdParams() });
export const macdSignalFeature = declareFeature({ name: 'macdSignal', label: 'MACD signal', description: 'EMA(signal) of the MACD line.', inputs: close, params: macdParams() });
export const macdHistFeature = declareFeature({ name: 'macdHist', label: 'MACD histogram', description: 'MACD line minus its signal line.', inputs: close, params: macdParams() });

const bandParams = () =>
  z.strictObject({
    period: periodField(20, 2),
    stdDevs: z.number().min(0.1).max(10).default(2).meta({ description: 'Band half-width in population standard deviations.', unit: 'std devs' }),
  });
export const bbUpperFeature = declareFeature({ name: 'bbUpper', label: 'Bollinger upper band', description: 'SMA + stdDevs * population standard deviation of the close.', inputs: close, params: bandParams() });
export const bbLowerFeature = declareFeature({ name: 'bbLower', label: 'Bollinger lower band', description: 'SMA - stdDevs * population standard deviation of the close.', inputs: close, params: bandParams() });
export const bbPercentBFeature = declareFeature({ name: 'bbPercentB', label: 'Bollinger %B', description: 'Where the close sits between the bands: 0 at the lower, 1 at the upper.', inputs: close, params: bandParams() });
export const bbWidthFeature = declareFeature({ name: 'bbWidth', label: 'Bollinger width', description: '(upper - lower) / SMA.', inputs: close, params: bandParams() });

export const trueRangeFeature = declareFeature({ name: 'trueRange', label: 'True range', description: 'max(high - low, |high - previous close|, |low - previous close|).', inputs: hlc, params: noParams() });
export const atrFeature = declareFeature({ name: 'atr', label: 'Average true range (Wilder)', description: "Wilder's smoothed average of the true range, in price units.", inputs: hlc, params: period14() });

export const adxFeature = declareFeature({ name: 'adx', label: 'ADX', description: "Wilder's average directional index (trend strength, 0..100).", inputs: hlc, params: period14() });
export const plusDiFeature = declareFeature({ name: 'plusDi', label: '+DI', description: 'Positive directional indicator: smoothed +DM as a percentage of smoothed true range.', inputs: hlc, params: period14() });
export const minusDiFeature = declareFeature({ name: 'minusDi', label: '-DI', description: 'Negative directional indicator: smoothed -DM as a percentage of smoothed true range.', inputs: hlc, params: period14() });

const stochParams = () =>
  z.strictObject({ period: periodField(14), signal: intField('Bars of the %D smoothing.', 3), smooth: intField('Bars of the %K smoothing.', 3) });
export const stochKFeature = declareFeature({
  name: 'stochK',
  label: 'Stochastic %K',
  description: 'Where the close sits in the high-low range of the last `period` bars (0..100), smoothed by an SMA of `smooth`.',
  inputs: hlc,
  params: stochParams(),
});
export const stochDFeature = declareFeature({ name: 'stochD', label: 'Stochastic %D', description: 'SMA of `signal` bars of the stochastic %K.', inputs: hlc, params: stochParams() });

export const volatilityFeature = declareFeature({
  name: 'volatility',
  label: 'Rolling volatility',
  description: 'Sample standard deviation of the last `period` log returns (per bar).',
  inputs: close,
  params: z.strictObject({ period: periodField(20, 2) }),
});
export const realizedVolFeature = declareFeature({
  name: 'realizedVol',
  label: 'Realized volatility',
  description: 'sqrt(sum of the last `period` squared log returns); with annualize = 1, times sqrt(periodsPerYear / period) (365 for daily crypto bars).',
  inputs: close,
  params: z.strictObject({
    period: periodField(20),
    annualize: intField('1: annualise with periodsPerYear; 0: per bar.', 0, 0, 1, 'flag'),
    periodsPerYear: intField('Bars per year when annualising (365 for daily crypto bars).', 365, 1, 1_000_000),
  }),
});
