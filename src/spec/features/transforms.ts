/** Column transforms for any series (prices, volumes, on-chain counts). */
import { z } from 'zod';
import { declareFeature, intField, noParams, periodField, VALUE_INPUT } from './declaration';

export const lagFeature = declareFeature({
  name: 'lag',
  label: 'Lag',
  description: 'The value of a column `lag` bars ago (close by default).',
  ...VALUE_INPUT,
  params: z.strictObject({ lag: intField('Bars back.', 1) }),
});
export const growthFeature = declareFeature({
  name: 'growth',
  label: 'Growth %',
  description: 'Percentage change of a column over `period` bars; NaN where the earlier value is <= 0.',
  ...VALUE_INPUT,
  params: z.strictObject({ period: periodField(7) }),
});
export const ratioFeature = declareFeature({
  name: 'ratio',
  label: 'Ratio',
  description: 'numerator / denominator of two columns (e.g. NVT = market cap / transfer volume); NaN where the denominator is <= 0.',
  inputs: ['numerator', 'denominator'],
  params: noParams(),
});
export const rollingMeanFeature = declareFeature({
  name: 'rollingMean',
  label: 'Rolling mean',
  description: 'Mean of the last `period` values of a column (close by default).',
  ...VALUE_INPUT,
  params: z.strictObject({ period: periodField(20) }),
});
export const rollingStdFeature = declareFeature({
  name: 'rollingStd',
  label: 'Rolling standard deviation',
  description: 'Sample standard deviation (n - 1) of the last `period` values of a column.',
  ...VALUE_INPUT,
  params: z.strictObject({ period: periodField(20, 2) }),
});
export const zscoreFeature = declareFeature({
  name: 'zscore',
  label: 'Rolling z-score',
  description: 'How many sample standard deviations the value sits from the mean of the last `period` values (itself included).',
  ...VALUE_INPUT,
  params: z.strictObject({ period: periodField(20, 2) }),
});
