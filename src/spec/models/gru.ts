import { z } from 'zod';
import { recurrentFields } from './recurrent';

export const gruSchema = z
  .strictObject({ type: z.literal('gru').meta({ description: 'The model.' }), ...recurrentFields })
  .meta({ title: 'GRU', description: "Stacked GRU layers (tfjs's reset-before variant) over the lookback window, then a dense layer to the horizon." });
