import { describe, expect, it } from 'vitest';
import { createBinanceConnector, binance } from './binance';
import { fakeFetch, fakeSleep } from './fixtures/fakeFetch';
import { binanceRow, NOW } from './fixtures/responses';

const MIN = 60_000;
const T0 = Date.UTC(2024, 0, 10);

/** Serves 1m klines like the documented endpoint: startTime/endTime inclusive, at most `limit`, oldest first. */
function binanceServer(opens: number[]) {
  return fakeFetch((url) => {
    const startTime = Number(url.searchParams.get('startTime'));
    const endTime = Number(url.searchParams.get('endTime'));
    const limit = Number(url.searchParams.get('limit'));
    const rows = opens.filter((t) => t >= startTime && t <= endTime).slice(0, limit);
    return { body: rows.map((t, i) => binanceRow({ t, open: 100 + i, high: 101 + i, low: 99 + i, close: 100.5 + i, volume: 1 })) };
  });
}

const ctx = { now: () => NOW, sleep: fakeSleep().sleep };

describe('binance', () => {
  it('pages by startTime, 1000 bars a request, across the whole range', async () => {
    const opens = Array.from({ length: 2500 }, (_, i) => T0 + i * MIN);
    const server = binanceServer(opens);
    const progress: number[] = [];
    const { frame, report } = await binance.load(
      { symbol: 'btcusdt', interval: '1m', start: T0, end: T0 + 2500 * MIN },
      { ...ctx, fetch: server.fetch, onProgress: (f) => progress.push(f) },
    );
    expect(frame.time).toHaveLength(2500);
    expect(frame.time[999]! + MIN).toBe(frame.time[1000]);
    expect(report.issues).toEqual([]);
    const starts = server.urls.map((u) => Number(new URL(u).searchParams.get('startTime')));
    expect(starts).toEqual([T0, T0 + 999 * MIN + 1, T0 + 1999 * MIN + 1]);
    expect(new URL(server.urls[0]!).searchParams.get('endTime')).toBe(String(T0 + 2500 * MIN - 1));
    expect(new URL(server.urls[0]!).searchParams.get('symbol')).toBe('BTCUSDT');
    expect(progress.at(-1)).toBe(1);
    expect(progress).toEqual([...progress].sort((a, b) => a - b));
  });

  it('stops after an exactly full last page when the next one is empty', async () => {
    const opens = Array.from({ length: 1000 }, (_, i) => T0 + i * MIN);
    const server = binanceServer(opens);
    const { frame } = await binance.load({ symbol: 'BTCUSDT', interval: '1m', start: T0, end: T0 + 1000 * MIN }, { ...ctx, fetch: server.fetch });
    expect(frame.time).toHaveLength(1000);
    expect(server.urls).toHaveLength(2);
  });

  it('reports a missing bar as a gap and leaves it missing', async () => {
    const opens = [0, 1, 2, 4, 5].map((i) => T0 + i * MIN);
    const { frame, report } = await binance.load({ symbol: 'BTCUSDT', interval: '1m', start: T0, end: T0 + 6 * MIN }, { ...ctx, fetch: binanceServer(opens).fetch });
    expect(frame.time).toHaveLength(5);
    expect(report.counts.gap).toBe(1);
    expect(report.issues[0]!.message).toMatch(/1 missing bar between/);
  });

  it('reports bars missing at the start of the asked range (listed later)', async () => {
    const opens = [3, 4, 5].map((i) => T0 + i * MIN);
    const { report, warnings } = await binance.load({ symbol: 'BTCUSDT', interval: '1m', start: T0, end: T0 + 6 * MIN }, { ...ctx, fetch: binanceServer(opens).fetch });
    expect(report.counts.gap).toBe(1);
    expect(warnings[0]).toMatch(/^3 bars missing between the asked start .* Binance has no earlier data for BTCUSDT/);
  });

  it('warns that the newest bar is still forming', async () => {
    const opens = [0, 1].map((i) => T0 + i * MIN);
    const { warnings } = await binance.load(
      { symbol: 'BTCUSDT', interval: '1m', start: T0, end: T0 + 10 * MIN },
      { ...ctx, now: () => T0 + MIN + 30_000, fetch: binanceServer(opens).fetch },
    );
    expect(warnings).toEqual([expect.stringMatching(/the last bar \(2024-01-10 00:01 UTC\) is still forming/)]);
  });

  it('moves on to data-api.binance.vision when api.binance.com answers 451', async () => {
    const server = fakeFetch((url) =>
      url.host === 'api.binance.com' ? { status: 451, body: { code: 0, msg: 'restricted location' } } : { body: [binanceRow({ t: T0, open: 1, high: 2, low: 0.5, close: 1.5, volume: 3 })] },
    );
    const { frame } = await binance.load({ symbol: 'BTCUSDT', interval: '1d', start: T0, end: T0 + 86_400_000 }, { ...ctx, fetch: server.fetch });
    expect(frame.columns.close![0]).toBe(1.5);
    expect(server.urls.map((u) => new URL(u).host)).toEqual(['api.binance.com', 'data-api.binance.vision']);
  });

  it('uses the hosts it is given, in order', async () => {
    const server = fakeFetch(() => 'network-error');
    const only = createBinanceConnector({ hosts: ['https://data-api.binance.vision'] });
    await expect(only.load({ symbol: 'BTCUSDT', interval: '1d', start: T0, end: T0 + 86_400_000 }, { ...ctx, fetch: server.fetch, http: { retries: 0 } })).rejects.toThrow(
      /could not reach data-api\.binance\.vision .*\(tried data-api\.binance\.vision\)$/,
    );
  });

  it('offers every interval from 1m to 1M', () => {
    expect(binance.intervals).toEqual(['1m', '3m', '5m', '15m', '30m', '1h', '2h', '4h', '6h', '8h', '12h', '1d', '3d', '1w', '1M']);
  });
});
