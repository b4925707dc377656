import { describe, expect, it } from 'vitest';
import { coinbase } from './coinbase';
import { fakeFetch, fakeSleep } from './fixtures/fakeFetch';
import { NOW } from './fixtures/responses';

const HOUR = 3_600_000;
const T0 = Date.UTC(2023, 11, 1);

/** Serves candles like the documented endpoint: newest first, at most 300, refusing wider windows. */
function coinbaseServer(opens: number[]) {
  return fakeFetch((url) => {
    const g = Number(url.searchParams.get('granularity')) * 1000;
    const start = Date.parse(url.searchParams.get('start')!);
    const end = Date.parse(url.searchParams.get('end')!);
    if ((end - start) / g + 1 > 300) return { status: 400, body: { message: 'granularity too small for the requested time range' } };
    // "some of those candles may precede your declared start value": one earlier candle is included.
    const rows = opens.filter((t) => t >= start - g && t <= end).map((t) => [t / 1000, 9, 11, 10, 10.5, 2]);
    return { body: rows.reverse() };
  });
}

describe('coinbase', () => {
  it('asks 300 bars a window, keeps [start, end) and sorts ascending', async () => {
    const opens = Array.from({ length: 700 }, (_, i) => T0 + i * HOUR);
    const server = coinbaseServer(opens);
    const { frame, report } = await coinbase.load({ symbol: 'btc-usd', interval: '1h', start: T0, end: T0 + 700 * HOUR }, { now: () => NOW, fetch: server.fetch });
    expect(server.urls).toHaveLength(3);
    expect(server.urls[0]).toContain('/products/BTC-USD/candles?granularity=3600&start=2023-12-01T00:00:00.000Z&end=2023-12-13T11:00:00.000Z');
    expect(frame.time).toHaveLength(700);
    expect(frame.time[0]).toBe(T0);
    expect(Array.from(frame.time).every((t, i, a) => i === 0 || t > a[i - 1]!)).toBe(true);
    expect(report.issues).toEqual([]);
    // [time, low, high, open, close, volume] lands in the right columns.
    expect([frame.columns.open![0], frame.columns.high![0], frame.columns.low![0], frame.columns.close![0], frame.columns.volume![0]]).toEqual([10, 11, 9, 10.5, 2]);
  });

  it('reports hours without trades (no candle published) as gaps', async () => {
    const opens = [0, 1, 2, 5, 6].map((i) => T0 + i * HOUR);
    const { report } = await coinbase.load({ symbol: 'BTC-USD', interval: '1h', start: T0, end: T0 + 7 * HOUR }, { now: () => NOW, fetch: coinbaseServer(opens).fetch });
    expect(report.counts.gap).toBe(1);
    expect(report.issues[0]!.message).toMatch(/2 missing bars/);
  });

  it('passes on a 400 message', async () => {
    const { fetch } = fakeFetch(() => ({ status: 400, body: { message: 'Unsupported granularity' } }));
    await expect(coinbase.load({ symbol: 'BTC-USD', interval: '1h', start: T0, end: T0 + HOUR }, { now: () => NOW, fetch, sleep: fakeSleep().sleep })).rejects.toThrow(
      'Coinbase rejected the request for "BTC-USD": Unsupported granularity',
    );
  });
});
