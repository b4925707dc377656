import { z } from 'zod';
import { connectorFields } from './connectorFields';

export const mempoolSourceSchema = z
  .strictObject({ type: z.literal('mempool').meta({ description: 'The data source.' }), ...connectorFields })
  .meta({ title: 'mempool.space hashrate', description: 'Bitcoin hash rate from mempool.space.' });
