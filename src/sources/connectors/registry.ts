/** Every data connector, in the order the UI lists them. One file per entry. */
import { binance } from './binance';
import { blockchainCom } from './blockchainCom';
import { coinbase } from './coinbase';
import { coinmetrics } from './coinmetrics';
import { kraken } from './kraken';
import { mempool } from './mempool';
import type { ConnectorDefinition } from './types';

export type { ConnectorDefinition, LoadContext, LoadRequest, LoadResult } from './types';

export const CONNECTORS: readonly ConnectorDefinition[] = [binance, coinbase, kraken, coinmetrics, blockchainCom, mempool];

export function connectorById(id: string): ConnectorDefinition {
  const found = CONNECTORS.find((c) => c.id === id);
  if (!found) throw new Error(`no data connector "${id}"; known: ${CONNECTORS.map((c) => c.id).join(', ')}`);
  return found;
}
