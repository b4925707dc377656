/**
 * Connector responses that would make a paginated fetch loop, or carry numbers that are not
 * prices (recorded in each API's documented format under test/corpus/connectors/), served by a
 * fake fetch: every case ends in its named error, or its flag in the report.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createBinanceConnector } from '../../src/sources/connectors/binance';
import { coinbase } from '../../src/sources/connectors/coinbase';
import { createCoinMetricsConnector, TokenBucket } from '../../src/sources/connectors/coinmetrics';
import { fakeClock, fakeFetch } from '../../src/sources/connectors/fixtures/fakeFetch';

const recorded = (file: string): unknown => JSON.parse(readFileSync(join(__dirname, 'connectors', file), 'utf8')) as unknown;
const T0 = Date.UTC(2024, 0, 1);
const MIN = 60_000;
const DAY = 86_400_000;
const NOW = Date.UTC(2024, 6, 1);
const binance = createBinanceConnector({ hosts: ['https://api.binance.com'] });

function coinMetrics() {
  const clock = fakeClock();
  return { connector: createCoinMetricsConnector({ bucket: new TokenBucket(10, 6_000, clock) }), ctx: { now: () => NOW, sleep: clock.sleep } };
}

const kline = (t: number) => [t, '100', '101', '99', '100.5', '1', t + MIN - 1, '100', 1, '0.5', '50', '0'];

describe('connector corpus: paginated fetches cannot loop', () => {
  it('Coin Metrics: a next_page_url already followed ends with an error after two requests', async () => {
    const { connector, ctx } = coinMetrics();
    const server = fakeFetch(() => ({ body: recorded('coinmetrics-repeated-next-page.json') }));
    const request = { symbol: 'btc', interval: '1d', start: T0, end: T0 + 30 * DAY, metrics: ['AdrActCnt'] };
    await expect(connector.load(request, { ...ctx, fetch: server.fetch })).rejects.toThrow(
      'Coin Metrics sent a next_page_url already followed (page 3 would repeat page 2); stopping instead of looping',
    );
    expect(server.urls).toHaveLength(2);
  });

  it('Coin Metrics: a server with ever new pages stops at the page cap with a clear message', async () => {
    const { connector, ctx } = coinMetrics();
    const server = fakeFetch((url, call) => ({
      body: { data: [{ asset: 'btc', time: new Date(T0 + call * DAY).toISOString(), AdrActCnt: '1' }], next_page_url: `${url.origin}${url.pathname}?next_page_token=${call + 1}` },
    }));
    const request = { symbol: 'btc', interval: '1d', start: T0, end: T0 + 300 * DAY, metrics: ['AdrActCnt'] };
    await expect(connector.load(request, { ...ctx, fetch: server.fetch, maxPages: 5 })).rejects.toThrow(
      'Coin Metrics: the cap of 5 pages a load is reached (5 rows read): ask for a shorter range or a longer interval',
    );
    expect(server.urls).toHaveLength(5);
  });

  it('Binance: a full page that does not move past the cursor ends with an error', async () => {
    const page = Array.from({ length: 1000 }, (_, i) => kline(T0 + i * MIN));
    const server = fakeFetch(() => ({ body: page }));
    await expect(binance.load({ symbol: 'BTCUSDT', interval: '1m', start: T0, end: T0 + 5000 * MIN }, { now: () => NOW, fetch: server.fetch })).rejects.toThrow(
      'Binance page 2 does not advance: asked from 2024-01-01 16:39 UTC, its last candle opens at 2024-01-01 16:39 UTC; stopping instead of asking again',
    );
    expect(server.urls).toHaveLength(2);
  });

  it('Binance: every page is capped', async () => {
    const server = fakeFetch((url) => {
      const from = Number(url.searchParams.get('startTime'));
      return { body: Array.from({ length: 1000 }, (_, i) => kline(from + i * MIN)) };
    });
    await expect(binance.load({ symbol: 'BTCUSDT', interval: '1m', start: T0, end: T0 + 5000 * MIN }, { now: () => NOW, fetch: server.fetch, maxPages: 3 })).rejects.toThrow(
      'Binance: the cap of 3 pages a load is reached (3000 candles up to 2024-01-03 01:57 UTC): ask for a shorter range or a longer interval',
    );
    expect(server.urls).toHaveLength(3);
  });

  it('Coinbase: a window answered with candles already received ends with an error', async () => {
    const server = fakeFetch(() => ({ body: recorded('coinbase-ignores-range.json') }));
    const start = Date.UTC(2024, 2, 1);
    await expect(coinbase.load({ symbol: 'BTC-USD', interval: '1m', start, end: start + 900 * MIN }, { now: () => NOW, fetch: server.fetch })).rejects.toThrow(
      'Coinbase window 2 (2024-03-01 05:00 UTC to 2024-03-01 10:00 UTC) does not advance: it sent only candles already received',
    );
    expect(server.urls).toHaveLength(2);
  });

  it('Coinbase: a range past the page cap is refused before the first request', async () => {
    const server = fakeFetch(() => ({ body: [] }));
    await expect(coinbase.load({ symbol: 'BTC-USD', interval: '1m', start: Date.UTC(2015, 0, 1), end: Date.UTC(2024, 0, 1) }, { now: () => NOW, fetch: server.fetch })).rejects.toThrow(
      'Coinbase: the cap of 5,000 pages a load is reached (the range needs 15,778 windows of 300 bars; nothing was fetched)',
    );
    expect(server.urls).toHaveLength(0);
  });
});

describe('connector corpus: numbers from an API are prices or flagged', () => {
  it('Binance: a zero close and a "0x10" close are flagged and read as missing', async () => {
    const server = fakeFetch(() => ({ body: recorded('binance-zero-close.json') }));
    const { frame, report, warnings } = await binance.load({ symbol: 'BTCUSDT', interval: '1d', start: T0, end: T0 + 3 * DAY }, { now: () => NOW, fetch: server.fetch });
    expect(report.issues.filter((i) => i.kind === 'price').map((i) => i.message)).toEqual(['row 1: close is 0 (zero): not a price; read as missing']);
    expect(report.issues.filter((i) => i.kind === 'non-numeric').map((i) => i.message)).toEqual(['row 2: close is "0x10", expected a number']);
    expect(Array.from(frame.columns.close!)).toEqual([42300, NaN, NaN]);
    expect(warnings).toContain('Binance sent 1 value that is not a price or not finite: read as missing (see the cleaning report)');
  });
});
