import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { binance } from '../sources/connectors/binance';
import { fakeFetch, fakeSleep, rejectionOf } from '../sources/connectors/fixtures/fakeFetch';
import { binanceRow } from '../sources/connectors/fixtures/responses';
import type { LoadContext } from '../sources/connectors/types';
import { CACHE_DB_NAME, CACHE_SCHEMA_V1, cachedLoad, openCandleCache, type CandleCacheDB, type SeriesRecord } from './candleCache';

const MIN = 60_000;
const T0 = Date.UTC(2024, 0, 10);
const NOW = Date.UTC(2024, 1, 1);
/** 1m bars listed from T0 on (nothing earlier exists upstream). */
const LISTED = Array.from({ length: 5000 }, (_, i) => T0 + i * MIN);

/** A Binance-like server over LISTED that counts requests; `fail(url)` turns a request into an error reply. */
function server(fail: (url: URL) => boolean = () => false) {
  return fakeFetch((url) => {
    if (fail(url)) return { status: 500, body: 'down' };
    const from = Number(url.searchParams.get('startTime'));
    const to = Number(url.searchParams.get('endTime'));
    const rows = LISTED.filter((t) => t >= from && t <= to).slice(0, Number(url.searchParams.get('limit')));
    return { body: rows.map((t) => binanceRow({ t, open: t / MIN, high: t / MIN + 1, low: t / MIN - 1, close: t / MIN, volume: 1 })) };
  });
}

const opened: CandleCacheDB[] = [];
let counter = 0;
function freshCache(): CandleCacheDB {
  const cache = openCandleCache(`cache-test-${counter++}`);
  opened.push(cache);
  return cache;
}
afterEach(async () => {
  for (const db of opened.splice(0)) {
    db.close();
    await db.delete();
  }
});

const ctx = (fetch: typeof globalThis.fetch, extra: Partial<LoadContext> = {}): LoadContext => ({ fetch, now: () => NOW, sleep: fakeSleep().sleep, ...extra });
const req = (startBar: number, endBar: number) => ({ symbol: 'BTCUSDT', interval: '1m', start: T0 + startBar * MIN, end: T0 + endBar * MIN });
const opts = { now: () => NOW };
const startTimes = (urls: string[]) => urls.map((u) => (Number(new URL(u).searchParams.get('startTime')) - T0) / MIN);

describe('candle cache', () => {
  it('is its own database, version 1, with the pinned store: changing it needs version 2, a migration and its test', async () => {
    expect(CACHE_DB_NAME).toBe('crypto-forecast-lab-cache');
    expect(CACHE_SCHEMA_V1).toEqual({ series: '[connector+symbol+interval]' });
    const cache = freshCache();
    await cache.open();
    expect(cache.verno).toBe(1);
    expect(cache.tables.map((t) => t.name)).toEqual(['series']);
  });

  it('serves a record in the version-1 layout written without cachedLoad (fixture of the format)', async () => {
    const cache = freshCache();
    const record: SeriesRecord = {
      connector: 'binance', symbol: 'BTCUSDT', interval: '1m', from: T0, to: T0 + 3 * MIN,
      time: Float64Array.from([T0, T0 + MIN, T0 + 2 * MIN]),
      columns: { open: Float64Array.from([1, 2, 3]), high: Float64Array.from([1, 2, 3]), low: Float64Array.from([1, 2, 3]), close: Float64Array.from([1.5, 2.5, 3.5]), volume: Float64Array.from([1, 1, 1]) },
      name: 'BTCUSDT 1m (Binance)', intervalMs: MIN, source: 'binance', updatedAt: NOW,
    };
    await cache.series.put(record);
    const s = server();
    const { frame, fetched } = await cachedLoad(cache, binance, req(0, 3), ctx(s.fetch), opts);
    expect(s.urls).toEqual([]);
    expect(fetched).toEqual([]);
    expect(Array.from(frame.columns.close!)).toEqual([1.5, 2.5, 3.5]);
    expect(frame.meta).toEqual({ name: 'BTCUSDT 1m (Binance)', intervalMs: MIN, synthetic: false, source: 'binance' });
  });

  it('makes no request the second time the same range is loaded', async () => {
    const cache = freshCache();
    const s = server();
    const first = await cachedLoad(cache, binance, req(100, 2600), ctx(s.fetch), opts);
    expect(s.urls).toHaveLength(3);
    const again = await cachedLoad(cache, binance, req(100, 2600), ctx(s.fetch), opts);
    expect(s.urls).toHaveLength(3);
    expect(again.fetched).toEqual([]);
    expect(Array.from(again.frame.time)).toEqual(Array.from(first.frame.time));
    expect(Array.from(again.frame.columns.close!)).toEqual(Array.from(first.frame.columns.close!));
    // A range inside the stored one is served from it too.
    const inside = await cachedLoad(cache, binance, req(500, 700), ctx(s.fetch), opts);
    expect(s.urls).toHaveLength(3);
    expect(inside.frame.time).toHaveLength(200);
  });

  it('fetches only the bars before and after the stored span, and merges them', async () => {
    const cache = freshCache();
    const s = server();
    await cachedLoad(cache, binance, req(1000, 2000), ctx(s.fetch), opts);
    s.urls.length = 0;
    const progress: number[] = [];
    const wide = await cachedLoad(cache, binance, req(900, 2100), ctx(s.fetch, { onProgress: (f) => progress.push(f) }), opts);
    expect(startTimes(s.urls)).toEqual([900, 2000]);
    expect(new URL(s.urls[0]!).searchParams.get('endTime')).toBe(String(T0 + 1000 * MIN - 1));
    expect(wide.fetched).toEqual([{ start: T0 + 900 * MIN, end: T0 + 1000 * MIN }, { start: T0 + 2000 * MIN, end: T0 + 2100 * MIN }]);
    expect(wide.frame.time).toHaveLength(1200);
    expect(Array.from(wide.frame.time)).toEqual(LISTED.slice(900, 2100));
    expect(wide.report.issues).toEqual([]);
    expect(progress.at(-1)).toBe(1);
    expect(progress).toEqual([...progress].sort((a, b) => a - b));
    const stored = await cache.series.get(['binance', 'BTCUSDT', '1m']);
    expect([stored!.from, stored!.to, stored!.time.length]).toEqual([T0 + 900 * MIN, T0 + 2100 * MIN, 1200]);
  });

  it('accepts an empty stretch before the listing and never asks for it again', async () => {
    const cache = freshCache();
    const s = server();
    const { frame, report } = await cachedLoad(cache, binance, req(-50, 10), ctx(s.fetch), opts);
    expect(frame.time).toHaveLength(10);
    expect(report.issues).toEqual([]);
    s.urls.length = 0;
    await cachedLoad(cache, binance, req(-50, 10), ctx(s.fetch), opts);
    expect(s.urls).toEqual([]);
  });

  it('does not store the bar still forming: the next load fetches from it on', async () => {
    const cache = freshCache();
    const s = server();
    const now = () => T0 + 20 * MIN + 30_000; // bar 20 is forming
    const first = await cachedLoad(cache, binance, req(0, 30), ctx(s.fetch, { now }), { now });
    expect(first.frame.time).toHaveLength(30); // the fake server serves "future" bars; only bars 0-19 are complete
    const stored = await cache.series.get(['binance', 'BTCUSDT', '1m']);
    expect(stored!.time).toHaveLength(20);
    s.urls.length = 0;
    await cachedLoad(cache, binance, req(0, 30), ctx(s.fetch, { now }), { now });
    expect(startTimes(s.urls)).toEqual([20]);
  });

  it('stores nothing when a fetch fails half-way, and leaves an earlier record as it was', async () => {
    const cache = freshCache();
    // The second page of a fresh load fails: nothing at all is stored.
    const failing = server((url) => Number(url.searchParams.get('startTime')) > T0);
    await expect(cachedLoad(cache, binance, req(0, 2500), ctx(failing.fetch, { http: { retries: 0 } }), opts)).rejects.toThrow(/HTTP 500/);
    expect(await cache.series.count()).toBe(0);

    await cachedLoad(cache, binance, req(1000, 2000), ctx(server().fetch), opts);
    const before = await cache.series.get(['binance', 'BTCUSDT', '1m']);
    // Widening: the bars before load, the bars after fail.
    const afterFails = server((url) => Number(url.searchParams.get('startTime')) >= T0 + 2000 * MIN);
    await expect(cachedLoad(cache, binance, req(900, 2100), ctx(afterFails.fetch, { http: { retries: 0 } }), opts)).rejects.toThrow(/HTTP 500/);
    const after = await cache.series.get(['binance', 'BTCUSDT', '1m']);
    expect([after!.from, after!.to, after!.time.length]).toEqual([before!.from, before!.to, before!.time.length]);
  });

  it('passes cancellation through and stores nothing', async () => {
    const cache = freshCache();
    const controller = new AbortController();
    const hanging = fakeFetch(() => 'hang');
    setTimeout(() => controller.abort(), 5);
    const error = await rejectionOf(cachedLoad(cache, binance, req(0, 10), ctx(hanging.fetch, { signal: controller.signal }), opts));
    expect(error.name).toBe('CancelledError');
    expect(await cache.series.count()).toBe(0);
  });

  it('replaces the stored span with a range that does not touch it, instead of fetching the hole', async () => {
    const cache = freshCache();
    const s = server();
    await cachedLoad(cache, binance, req(0, 100), ctx(s.fetch), opts);
    s.urls.length = 0;
    await cachedLoad(cache, binance, req(4000, 4100), ctx(s.fetch), opts);
    expect(startTimes(s.urls)).toEqual([4000]);
    const stored = await cache.series.get(['binance', 'BTCUSDT', '1m']);
    expect([stored!.from, stored!.to]).toEqual([T0 + 4000 * MIN, T0 + 4100 * MIN]);
  });

  it('keys on-chain requests by their metrics too', async () => {
    const cache = freshCache();
    const loader = {
      id: 'fake-onchain',
      calls: 0,
      async load(request: { start: number; end: number; metrics?: string[] | undefined }) {
        this.calls++;
        const time = Float64Array.from([request.start]);
        const columns = Object.fromEntries((request.metrics ?? []).map((m) => [m, Float64Array.from([1])]));
        return { frame: { time, columns, meta: { name: 'x', intervalMs: 86_400_000, synthetic: false, source: 'fake-onchain' } }, report: { rows: 1, intervalMs: 86_400_000, issues: [], counts: { 'bad-time': 0, unsorted: 0, duplicate: 0, gap: 0, nan: 0, 'non-numeric': 0, ohlc: 0, price: 0, spike: 0 } } };
      },
    };
    const day = { symbol: 'btc', interval: '1d', start: T0, end: T0 + 86_400_000 };
    await cachedLoad(cache, loader, { ...day, metrics: ['A'] }, {}, opts);
    const b = await cachedLoad(cache, loader, { ...day, metrics: ['B'] }, {}, opts);
    await cachedLoad(cache, loader, { ...day, metrics: ['A'] }, {}, opts);
    expect(loader.calls).toBe(2);
    expect(Object.keys(b.frame.columns)).toEqual(['B']);
  });
});
