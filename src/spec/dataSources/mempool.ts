import { z } from 'zod';
import { connectorFields } from './connectorFields';

/** The API origins the connector fetches from (the app's Content-Security-Policy allows exactly these). */
export const MEMPOOL_HOSTS = ['https://mempool.space'] as const;

export const mempoolSourceSchema = z
  .strictObject({ type: z.literal('mempool').meta({ description: 'The data source.' }), ...connectorFields })
  .meta({ title: 'mempool.space hashrate', description: 'Bitcoin hash rate from mempool.space.', hosts: MEMPOOL_HOSTS });
