import { z } from 'zod';
import { lookbackField } from './common';

export const ridgeSchema = z
  .strictObject({
    type: z.literal('ridge').meta({ description: 'The model.' }),
    lookback: lookbackField,
    lambda: z.number().min(1e-8).max(1e8).default(1).meta({ description: 'L2 penalty on the weights (not the intercept).' }),
  })
  .meta({ title: 'Ridge (linear)', description: 'Closed-form ridge regression on the flattened window: the linear model any network must beat.' });
