import { z } from 'zod';
import { connectorFields } from './connectorFields';

export const coinmetricsSourceSchema = z
  .strictObject({ type: z.literal('coinmetrics').meta({ description: 'The data source.' }), ...connectorFields })
  .meta({ title: 'Coin Metrics', description: 'On-chain asset metrics (community API, CC BY-NC 4.0).' });
