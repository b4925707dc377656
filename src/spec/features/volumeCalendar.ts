/** Volume-based indicators and calendar features. */
import { declareFeature, noParams, periodField } from './declaration';
import { z } from 'zod';

export const obvFeature = declareFeature({
  name: 'obv',
  label: 'On-balance volume',
  description: 'Running total of volume, added on up closes and subtracted on down closes, from 0 at the first bar.',
  inputs: ['close', 'volume'],
  params: noParams(),
});
export const vwapFeature = declareFeature({
  name: 'vwap',
  label: 'VWAP (anchored at the first bar)',
  description: 'Cumulative volume-weighted typical price since the first bar of the data.',
  inputs: ['high', 'low', 'close', 'volume'],
  params: noParams(),
});
export const mfiFeature = declareFeature({
  name: 'mfi',
  label: 'Money flow index',
  description: 'Volume-weighted RSI of the typical price over `period` bars, 0..100.',
  inputs: ['high', 'low', 'close', 'volume'],
  params: z.strictObject({ period: periodField(14) }),
});
export const dayOfWeekFeature = declareFeature({ name: 'dayOfWeek', label: 'Day of week (UTC)', description: '0 = Monday .. 6 = Sunday, from the bar time in UTC.', inputs: [], params: noParams() });
export const hourOfDayFeature = declareFeature({ name: 'hourOfDay', label: 'Hour of day (UTC)', description: '0..23, from the bar time in UTC.', inputs: [], params: noParams() });
