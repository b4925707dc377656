/**
 * Every data source's declaration, one file each. A connector (exchange or on-chain API) is a
 * source with the shared connector fields; its loader lives in src/sources/connectors.
 */
import { z } from 'zod';
import { binanceSourceSchema } from './binance';
import { blockchainComSourceSchema } from './blockchainCom';
import { coinbaseSourceSchema } from './coinbase';
import { coinmetricsSourceSchema } from './coinmetrics';
import { csvSourceSchema } from './csv';
import { demoSourceSchema } from './demo';
import { krakenSourceSchema } from './kraken';
import { mempoolSourceSchema } from './mempool';

export { csvSourceSchema } from './csv';
export { demoSourceSchema } from './demo';

export const CONNECTOR_SOURCE_SCHEMAS = [
  binanceSourceSchema,
  coinbaseSourceSchema,
  krakenSourceSchema,
  coinmetricsSourceSchema,
  blockchainComSourceSchema,
  mempoolSourceSchema,
] as const;

export const SOURCE_SCHEMAS = [demoSourceSchema, csvSourceSchema, ...CONNECTOR_SOURCE_SCHEMAS] as const;

/** Every API origin a connector may fetch from, read off the declarations (the CSP's connect-src). */
export const CONNECTOR_HOSTS: readonly string[] = [...new Set(CONNECTOR_SOURCE_SCHEMAS.flatMap((schema) => schema.meta()?.hosts ?? []))];

export const connectorSourceSchema = z.discriminatedUnion('type', CONNECTOR_SOURCE_SCHEMAS);
export const dataSourceSchema = z.discriminatedUnion('type', SOURCE_SCHEMAS);

export type DataSourceSpec = z.output<typeof dataSourceSchema>;
export type DemoSourceSpec = z.output<typeof demoSourceSchema>;
export type CsvSourceSpec = z.output<typeof csvSourceSchema>;
export type ConnectorSourceSpec = z.output<typeof connectorSourceSchema>;
export type ConnectorId = ConnectorSourceSpec['type'];
