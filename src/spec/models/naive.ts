import { z } from 'zod';
import { baselineLookbackField } from './common';

export const naiveSchema = z
  .strictObject({ type: z.literal('naive').meta({ description: 'The model.' }), lookback: baselineLookbackField })
  .meta({ title: 'Naive (zero return)', description: 'Predicts a zero log return for every bar: the random-walk baseline every model must beat.' });
