import { z } from 'zod';
import { connectorFields } from './connectorFields';

export const blockchainComSourceSchema = z
  .strictObject({ type: z.literal('blockchain-com').meta({ description: 'The data source.' }), ...connectorFields })
  .meta({ title: 'blockchain.com charts', description: 'On-chain chart series (e.g. hash-rate).' });
