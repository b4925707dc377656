import { z } from 'zod';
import { connectorFields } from './connectorFields';

/** The API origins the connector fetches from (the app's Content-Security-Policy allows exactly these). */
export const COINBASE_HOSTS = ['https://api.exchange.coinbase.com'] as const;

export const coinbaseSourceSchema = z
  .strictObject({ type: z.literal('coinbase').meta({ description: 'The data source.' }), ...connectorFields })
  .meta({ title: 'Coinbase', description: 'Exchange candles, 300 a request.', hosts: COINBASE_HOSTS });
