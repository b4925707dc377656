import { z } from 'zod';
import { connectorFields } from './connectorFields';

export const mempoolSourceSchema = z
  .strictObject({ type: z.literal('mempool'), ...connectorFields })
  .meta({ title: 'mempool.space hashrate', description: 'Bitcoin hash rate from mempool.space.' });
