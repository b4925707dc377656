/**
 * Every connector against the same bad inputs, with responses in its API's documented format:
 * 429 + Retry-After, 500 then success, 451, a request that never answers, a truncated body, an
 * empty range, and a symbol that does not exist.
 */
import { describe, expect, it } from 'vitest';
import { fakeClock, fakeFetch, fakeSleep, rejectionOf, type FakeReply } from './fixtures/fakeFetch';
import {
  BARS, binanceKlines, blockchainHashRate, coinbaseCandles, coinmetricsPage, DAY, krakenOhlc, mempoolHashrate, NOW, T0,
} from './fixtures/responses';
import { CONNECTORS, connectorById } from './registry';
import { createCoinMetricsConnector, TokenBucket } from './coinmetrics';
import type { ConnectorDefinition, LoadContext, LoadRequest } from './types';

interface Case {
  id: string;
  /** A private instance where the real one holds shared state (Coin Metrics' rate limiter). */
  make?: () => ConnectorDefinition;
  symbol: string;
  column: string;
  ok: unknown;
  empty: unknown;
  unknownSymbol: string;
  unknown: FakeReply | undefined;
  unknownMessage: RegExp;
}

const CASES: Case[] = [
  { id: 'binance', symbol: 'BTCUSDT', column: 'close', ok: binanceKlines, empty: [], unknownSymbol: 'NOPEUSDT',
    unknown: { status: 400, body: { code: -1121, msg: 'Invalid symbol.' } }, unknownMessage: /Binance does not know the symbol "NOPEUSDT"/ },
  { id: 'coinbase', symbol: 'BTC-USD', column: 'close', ok: coinbaseCandles, empty: [], unknownSymbol: 'NOPE-USD',
    unknown: { status: 404, body: { message: 'NotFound' } }, unknownMessage: /Coinbase has no product "NOPE-USD"/ },
  { id: 'kraken', symbol: 'XBTUSD', column: 'close', ok: krakenOhlc(), empty: krakenOhlc([]), unknownSymbol: 'NOPEUSD',
    unknown: { body: { error: ['EQuery:Unknown asset pair'] } }, unknownMessage: /Kraken does not know the pair "NOPEUSD"/ },
  { id: 'coinmetrics', make: () => createCoinMetricsConnector({ bucket: new TokenBucket(10, 6_000, fakeClock()) }), symbol: 'btc', column: 'AdrActCnt', ok: coinmetricsPage, empty: { data: [] }, unknownSymbol: 'nope',
    unknown: { status: 400, body: { error: { type: 'bad_parameter', message: "Bad parameter 'assets'. Value 'nope' is not supported." } } },
    unknownMessage: /Coin Metrics does not know the asset "nope"/ },
  { id: 'blockchain-com', symbol: 'hash-rate', column: 'hashRate', ok: blockchainHashRate, empty: { ...blockchainHashRate, values: [] },
    unknownSymbol: 'no-such-chart', unknown: { status: 404, body: 'Not Found' }, unknownMessage: /blockchain\.com has no chart "no-such-chart"/ },
  { id: 'mempool', symbol: 'BTC', column: 'hashRate', ok: mempoolHashrate, empty: { ...mempoolHashrate, hashrates: [] }, unknownSymbol: 'ETH',
    unknown: undefined, unknownMessage: /mempool\.space serves Bitcoin only: the symbol "ETH" is not BTC/ },
];

const request = (symbol: string): LoadRequest => ({ symbol, interval: '1d', start: T0, end: T0 + 3 * DAY });
const baseCtx = (): LoadContext => ({ now: () => NOW, sleep: fakeSleep().sleep });

describe('registry', () => {
  it('lists one definition per connector, with the notes the UI shows', () => {
    expect(CONNECTORS.map((c) => c.id)).toEqual(['binance', 'coinbase', 'kraken', 'coinmetrics', 'blockchain-com', 'mempool']);
    expect(connectorById('kraken').maxRowsNote).toBe('Kraken returns at most the 720 most recent bars');
    expect(connectorById('coinmetrics').attribution).toBe('Data: Coin Metrics, Inc, CC BY-NC 4.0');
    expect(() => connectorById('nope')).toThrow(/no data connector "nope"; known: binance/);
  });
});

describe.each(CASES)('$id', (c) => {
  const connector = c.make?.() ?? connectorById(c.id);

  it('parses its documented format into an ascending Frame with a clean report', async () => {
    const { fetch } = fakeFetch(() => ({ body: c.ok }));
    const { frame, report, warnings } = await connector.load(request(c.symbol), { ...baseCtx(), fetch });
    expect(Array.from(frame.time)).toEqual(BARS.map((b) => b.t));
    expect(frame.columns[c.column]).toHaveLength(3);
    expect(Array.from(frame.columns[c.column]!).every(Number.isFinite)).toBe(true);
    expect(frame.meta).toMatchObject({ intervalMs: DAY, synthetic: false, source: c.id });
    expect(report.issues).toEqual([]);
    expect(warnings).toEqual([]);
    if (connector.kind === 'ohlcv') {
      expect(Array.from(frame.columns.close!)).toEqual(BARS.map((b) => b.close));
      expect(Array.from(frame.columns.volume!)).toEqual(BARS.map((b) => b.volume));
    }
  });

  it('waits the Retry-After of a 429, then loads', async () => {
    const { fetch } = fakeFetch((_, call) => (call === 0 ? { status: 429, body: {}, headers: { 'Retry-After': '3' } } : { body: c.ok }));
    const { sleep, waits } = fakeSleep();
    const { frame } = await connector.load(request(c.symbol), { ...baseCtx(), fetch, sleep });
    expect(frame.time).toHaveLength(3);
    expect(waits).toContain(3000);
  });

  it('retries a 500 and then loads', async () => {
    const { fetch, urls } = fakeFetch((_, call) => (call === 0 ? { status: 500, body: 'oops' } : { body: c.ok }));
    const { frame } = await connector.load(request(c.symbol), { ...baseCtx(), fetch });
    expect(frame.time).toHaveLength(3);
    expect(urls).toHaveLength(2);
  });

  it('explains a 451', async () => {
    const { fetch } = fakeFetch(() => ({ status: 451, body: { msg: 'Service unavailable from a restricted location' } }));
    await expect(connector.load(request(c.symbol), { ...baseCtx(), fetch })).rejects.toThrow(/refuses requests from your region \(HTTP 451\)/);
  });

  it('times out a request that never answers', async () => {
    const { fetch } = fakeFetch(() => 'hang');
    await expect(connector.load(request(c.symbol), { ...baseCtx(), fetch, http: { timeoutMs: 10, retries: 1 } })).rejects.toThrow(/did not answer within 0\.01 s/);
  });

  it('reports a truncated body', async () => {
    const { fetch } = fakeFetch(() => ({ body: JSON.stringify(c.ok).slice(0, 40) }));
    await expect(connector.load(request(c.symbol), { ...baseCtx(), fetch })).rejects.toThrow(/not valid JSON \(truncated\?\)/);
  });

  it('refuses an empty range with the symbol, interval and dates', async () => {
    const { fetch } = fakeFetch(() => ({ body: c.empty }));
    const error = await rejectionOf(connector.load(request(c.symbol), { ...baseCtx(), fetch }));
    expect(error.name).toBe('EmptyRangeError');
    expect(error.message).toMatch(/returned no (candles|values) for \S+ 1d between 2024-01-01 and 2024-01-04: check the symbol and range$/);
    expect(error.message.toLowerCase()).toContain(c.symbol.toLowerCase());
  });

  it('names a symbol that does not exist', async () => {
    const { fetch } = fakeFetch(() => c.unknown ?? { body: c.ok });
    await expect(connector.load(request(c.unknownSymbol), { ...baseCtx(), fetch })).rejects.toThrow(c.unknownMessage);
  });

  it('rejects an interval it does not serve, naming the ones it does', async () => {
    await expect(connector.load({ ...request(c.symbol), interval: '7m' }, baseCtx())).rejects.toThrow(/has no interval "7m"; choose one of .*1d/);
  });

  it('cancels with CancelledError', async () => {
    const controller = new AbortController();
    const { fetch } = fakeFetch(() => 'hang');
    setTimeout(() => controller.abort(), 5);
    const error = await rejectionOf(connector.load(request(c.symbol), { ...baseCtx(), fetch, signal: controller.signal }));
    expect(error.name).toBe('CancelledError');
  });
});
