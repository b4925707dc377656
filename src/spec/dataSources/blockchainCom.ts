import { z } from 'zod';
import { connectorFields } from './connectorFields';

/** The API origins the connector fetches from (the app's Content-Security-Policy allows exactly these). */
export const BLOCKCHAIN_COM_HOSTS = ['https://api.blockchain.info'] as const;

export const blockchainComSourceSchema = z
  .strictObject({ type: z.literal('blockchain-com').meta({ description: 'The data source.' }), ...connectorFields })
  .meta({ title: 'blockchain.com charts', description: 'On-chain chart series (e.g. hash-rate).', hosts: BLOCKCHAIN_COM_HOSTS });
