import { z } from 'zod';
import { connectorFields } from './connectorFields';

export const krakenSourceSchema = z
  .strictObject({ type: z.literal('kraken'), ...connectorFields })
  .meta({ title: 'Kraken', description: 'Exchange candles; at most the 720 most recent bars.' });
