import { z } from 'zod';
import { connectorFields } from './connectorFields';

export const coinbaseSourceSchema = z
  .strictObject({ type: z.literal('coinbase').meta({ description: 'The data source.' }), ...connectorFields })
  .meta({ title: 'Coinbase', description: 'Exchange candles, 300 a request.' });
