import { z } from 'zod';
import { connectorFields } from './connectorFields';

export const binanceSourceSchema = z
  .strictObject({ type: z.literal('binance').meta({ description: 'The data source.' }), ...connectorFields })
  .meta({ title: 'Binance', description: 'Exchange candles (klines), paginated by 1000; falls back to data-api.binance.vision.' });
