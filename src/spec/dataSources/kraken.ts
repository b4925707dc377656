import { z } from 'zod';
import { connectorFields } from './connectorFields';

export const krakenSourceSchema = z
  .strictObject({ type: z.literal('kraken').meta({ description: 'The data source.' }), ...connectorFields })
  .meta({ title: 'Kraken', description: 'Exchange candles; at most the 720 most recent bars.' });
