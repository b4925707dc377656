import { z } from 'zod';
import { connectorFields } from './connectorFields';

/** The API origins the connector fetches from (the app's Content-Security-Policy allows exactly these). */
export const KRAKEN_HOSTS = ['https://api.kraken.com'] as const;

export const krakenSourceSchema = z
  .strictObject({ type: z.literal('kraken').meta({ description: 'The data source.' }), ...connectorFields })
  .meta({ title: 'Kraken', description: 'Exchange candles; at most the 720 most recent bars.', hosts: KRAKEN_HOSTS });
