import { z } from 'zod';
import { baselineLookbackField } from './common';

export const driftSchema = z
  .strictObject({ type: z.literal('drift').meta({ description: 'The model.' }), lookback: baselineLookbackField })
  .meta({ title: 'Drift (mean target)', description: 'Predicts the mean training target: the baseline that knows the average drift but not the window.' });
