/** What a features cell asks the model to forecast. */
import { z } from 'zod';
import './meta';

export const targetSchema = z
  .strictObject({
    type: z.literal('logReturn').meta({ description: 'The forecast quantity: the log return of the close.' }),
    horizon: z.number().int().min(1).max(30).meta({ description: 'Bars ahead the target reaches.', unit: 'bars' }),
    output: z
      .enum(['cumulative', 'path'])
      .optional()
      .meta({ description: "cumulative (default): one output, the return over `horizon` bars; path: one next-bar return per step ahead 1..horizon." }),
  })
  .meta({ title: 'Target', description: 'The future return each sample is trained to predict.' });

export type TargetCellSpec = z.output<typeof targetSchema>;
