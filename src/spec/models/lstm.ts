import { z } from 'zod';
import { recurrentFields } from './recurrent';

export const lstmSchema = z
  .strictObject({ type: z.literal('lstm').meta({ description: 'The model.' }), ...recurrentFields })
  .meta({ title: 'LSTM', description: 'Stacked LSTM layers over the lookback window, then a dense layer to the horizon.' });
