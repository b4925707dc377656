import { z } from 'zod';
import { connectorFields } from './connectorFields';

/** The API origins the connector fetches from (the app's Content-Security-Policy allows exactly these). */
export const BINANCE_HOSTS = ['https://api.binance.com', 'https://data-api.binance.vision'] as const;

export const binanceSourceSchema = z
  .strictObject({ type: z.literal('binance').meta({ description: 'The data source.' }), ...connectorFields })
  .meta({ title: 'Binance', description: 'Exchange candles (klines), paginated by 1000; falls back to data-api.binance.vision.', hosts: BINANCE_HOSTS });
