import type { CleaningReport } from '../../core/cleaning';
import type { ConnectorId } from '../../spec';
import type { Frame } from '../../core/frame';
import type { RetryInfo, Sleep } from '../http';

export interface LoadRequest {
  /** The connector's own symbol: BTCUSDT (Binance), BTC-USD (Coinbase), XBTUSD (Kraken), btc (CoinMetrics), hash-rate (blockchain.com). */
  symbol: string;
  /** One of the connector's `intervals`. */
  interval: string;
  /** UTC ms, inclusive. */
  start: number;
  /** UTC ms, exclusive. */
  end: number;
  /** On-chain connectors that serve several metrics (CoinMetrics). */
  metrics?: string[] | undefined;
}

export interface LoadContext {
  fetch?: typeof fetch;
  signal?: AbortSignal;
  onProgress?: (fraction: number, message: string) => void;
  sleep?: Sleep;
  /** Wall clock (tests pin it): decides which bars can exist yet and which one is still forming. */
  now?: () => number;
  /** Per-request HTTP settings; the defaults of fetchJson apply where absent. */
  /** Pages one load may fetch (default MAX_PAGES): a bound on a range too long and on a server that loops. */
  maxPages?: number;
  http?: { timeoutMs?: number; retries?: number; backoffMs?: number; maxRetryAfterMs?: number; onRetry?: (info: RetryInfo) => void };
}

export interface LoadResult {
  /** Bars with open time in [start, end), strictly increasing. */
  frame: Frame;
  /** Built by buildCleaningReport on what the API sent, plus gaps at either end of the asked range. */
  report: CleaningReport;
  /** Things the user should read: a range cut short by the API, a bar still forming, dropped duplicates. */
  warnings: string[];
}

export interface ConnectorDefinition {
  id: ConnectorId;
  label: string;
  kind: 'ohlcv' | 'onchain';
  intervals: string[];
  /** An example symbol for the UI's placeholder. */
  symbolExample: string;
  maxRowsNote?: string;
  attribution?: string;
  load(request: LoadRequest, ctx: LoadContext): Promise<LoadResult>;
}
