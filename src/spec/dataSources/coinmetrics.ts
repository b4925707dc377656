import { z } from 'zod';
import { connectorFields } from './connectorFields';

/** The API origins the connector fetches from (the app's Content-Security-Policy allows exactly these). */
export const COINMETRICS_HOSTS = ['https://community-api.coinmetrics.io'] as const;

export const coinmetricsSourceSchema = z
  .strictObject({ type: z.literal('coinmetrics').meta({ description: 'The data source.' }), ...connectorFields })
  .meta({ title: 'Coin Metrics', description: 'On-chain asset metrics (community API, CC BY-NC 4.0).', hosts: COINMETRICS_HOSTS });
