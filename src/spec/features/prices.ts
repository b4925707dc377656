/** Returns and moving averages of the close. */
import { declareFeature, intField, noParams, periodField } from './declaration';
import { z } from 'zod';

const close = ['close'];

export const logReturnFeature = declareFeature({ name: 'logReturn', label: 'Log return', description: 'ln(close[t] / close[t-1]).', inputs: close, params: noParams() });
export const simpleReturnFeature = declareFeature({ name: 'simpleReturn', label: 'Simple return', description: 'close[t] / close[t-1] - 1.', inputs: close, params: noParams() });
export const logReturnNFeature = declareFeature({
  name: 'logReturnN',
  label: 'Multi-bar log return',
  description: 'ln(close[t] / close[t-horizon]), the return of the last `horizon` bars (backward-looking).',
  inputs: close,
  params: z.strictObject({ horizon: intField('Bars the return spans.', 7) }),
});
export const smaFeature = declareFeature({
  name: 'sma',
  label: 'Simple moving average',
  description: 'Mean of the last `period` closes.',
  inputs: close,
  params: z.strictObject({ period: periodField(20) }),
});
export const emaFeature = declareFeature({
  name: 'ema',
  label: 'Exponential moving average',
  description: 'EMA of the close, alpha = 2 / (period + 1), seeded with the SMA of the first `period` closes.',
  inputs: close,
  params: z.strictObject({ period: periodField(20) }),
});
export const wmaFeature = declareFeature({
  name: 'wma',
  label: 'Weighted moving average',
  description: 'Linearly weighted mean of the last `period` closes (weights 1..period, newest heaviest).',
  inputs: close,
  params: z.strictObject({ period: periodField(14) }),
});
