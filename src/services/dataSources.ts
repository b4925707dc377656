import type { ConnectorSourceSpec } from '../notebook/schema';
import { chartColumnName } from '../sources/connectors/blockchainCom';
import { CONNECTORS } from '../sources/connectors/registry';

/** What the UI needs to offer a connector: plain data, no functions. */
export interface ConnectorInfo {
  id: ConnectorSourceSpec['type'];
  label: string;
  kind: 'ohlcv' | 'onchain';
  intervals: string[];
  symbolExample: string;
  note: string | null;
}

export const CONNECTOR_INFO: readonly ConnectorInfo[] = CONNECTORS.map((c) => ({
  id: c.id,
  label: c.label,
  kind: c.kind,
  intervals: c.intervals,
  symbolExample: c.symbolExample,
  note: [c.maxRowsNote, c.attribution].filter(Boolean).join(' ') || null,
}));

/** The frame column an on-chain source arrives as. */
export function onchainColumn(spec: ConnectorSourceSpec): string {
  if (spec.type === 'coinmetrics') return spec.metrics?.[0] ?? 'AdrActCnt';
  if (spec.type === 'blockchain-com') return chartColumnName(spec.symbol.trim().toLowerCase());
  return 'hashRate';
}
