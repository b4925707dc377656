import { describe, expect, it } from 'vitest';
import { createCoinMetricsConnector, parseCoinMetricsTime, TokenBucket } from './coinmetrics';
import { fakeClock, fakeFetch } from './fixtures/fakeFetch';
import { coinmetricsPage, DAY, NOW, T0 } from './fixtures/responses';

const HOST = 'https://community-api.coinmetrics.io';

function connector() {
  const clock = fakeClock();
  return { clock, cm: createCoinMetricsConnector({ bucket: new TokenBucket(10, 6_000, clock) }) };
}

/** One day a page, following next_page_url like the API's cursor paging. */
function pagedServer(days: number) {
  return fakeFetch((url) => {
    const page = Number(url.searchParams.get('page') ?? '0');
    const t = new Date(T0 + page * DAY).toISOString().replace('.000Z', '.000000000Z');
    const body: { data: unknown[]; next_page_url?: string } = { data: [{ asset: 'btc', time: t, AdrActCnt: String(1000 + page) }] };
    if (page + 1 < days) body.next_page_url = `${HOST}/v4/timeseries/asset-metrics?assets=btc&metrics=AdrActCnt&page=${page + 1}`;
    return { body };
  });
}

describe('coinmetrics', () => {
  it('sends assets, metrics, frequency, page size and the range; reads string numbers and nanosecond times', async () => {
    const { cm } = connector();
    const server = fakeFetch(() => ({ body: coinmetricsPage }));
    const { frame } = await cm.load({ symbol: 'BTC', interval: '1d', start: T0, end: T0 + 3 * DAY, metrics: ['AdrActCnt', 'CapMrktCurUSD'] }, { now: () => NOW, fetch: server.fetch });
    const url = new URL(server.urls[0]!);
    expect(Object.fromEntries(url.searchParams)).toMatchObject({
      assets: 'btc', metrics: 'AdrActCnt,CapMrktCurUSD', frequency: '1d', page_size: '10000',
      start_time: '2024-01-01T00:00:00.000Z', end_time: '2024-01-04T00:00:00.000Z',
    });
    expect(Array.from(frame.columns.AdrActCnt!)).toEqual([800000, 800001, 800002]);
    expect(frame.columns.CapMrktCurUSD![2]).toBe(8.2e11 + 2);
    expect(parseCoinMetricsTime('2020-01-01T00:00:00.000000000Z')).toBe(Date.UTC(2020, 0, 1));
  });

  it('follows next_page_url and keeps to 10 requests per 6 s', async () => {
    const { cm, clock } = connector();
    const server = pagedServer(12);
    const { frame } = await cm.load({ symbol: 'btc', interval: '1d', start: T0, end: T0 + 12 * DAY, metrics: ['AdrActCnt'] }, { now: () => NOW, fetch: server.fetch });
    expect(frame.time).toHaveLength(12);
    expect(server.urls).toHaveLength(12);
    expect(server.urls[1]).toBe(`${HOST}/v4/timeseries/asset-metrics?assets=btc&metrics=AdrActCnt&page=1`);
    // Requests 1-10 go at t=0; the 11th and 12th wait for the first tokens to come back at 6 s.
    expect(clock.waits).toEqual([6_000]);
  });

  it('token bucket: never more than `capacity` takes in any window', async () => {
    const clock = fakeClock();
    const bucket = new TokenBucket(10, 6_000, clock);
    const times: number[] = [];
    for (let i = 0; i < 35; i++) {
      await bucket.take();
      times.push(clock.now());
    }
    for (let i = 10; i < times.length; i++) expect(times[i]! - times[i - 10]!).toBeGreaterThanOrEqual(6_000);
  });

  it('names a metric the API refuses', async () => {
    const { cm } = connector();
    const { fetch } = fakeFetch(() => ({ status: 403, body: { error: { type: 'forbidden', message: "Requested metric 'SplyAct1yr' with frequency '1d' for asset 'btc' is not available with supplied credentials." } } }));
    await expect(cm.load({ symbol: 'btc', interval: '1d', start: T0, end: T0 + DAY, metrics: ['AdrActCnt', 'SplyAct1yr'] }, { now: () => NOW, fetch })).rejects.toThrow(
      /Coin Metrics does not serve the metric "SplyAct1yr" for btc/,
    );
  });

  it('names a metric that never appears in the data', async () => {
    const { cm } = connector();
    const { fetch } = fakeFetch(() => ({ body: coinmetricsPage }));
    await expect(cm.load({ symbol: 'btc', interval: '1d', start: T0, end: T0 + 3 * DAY, metrics: ['AdrActCnt', 'adractcnt'] }, { now: () => NOW, fetch })).rejects.toThrow(
      /returned no values of "adractcnt" for btc between 2024-01-01 and 2024-01-04/,
    );
  });

  it('reports a value that is not a number, at its row', async () => {
    const { cm } = connector();
    const page = { data: [...coinmetricsPage.data.slice(0, 2), { ...coinmetricsPage.data[2], AdrActCnt: 'n/a' }] };
    const { frame, report } = await cm.load({ symbol: 'btc', interval: '1d', start: T0, end: T0 + 3 * DAY, metrics: ['AdrActCnt'] }, { now: () => NOW, fetch: fakeFetch(() => ({ body: page })).fetch });
    expect(frame.columns.AdrActCnt![2]).toBeNaN();
    expect(report.issues).toEqual([expect.objectContaining({ kind: 'non-numeric', row: 2, column: 'AdrActCnt' })]);
  });

  it('refuses a next page on another host', async () => {
    const { cm } = connector();
    const { fetch } = fakeFetch(() => ({ body: { ...coinmetricsPage, next_page_url: 'https://evil.example/next' } }));
    await expect(cm.load({ symbol: 'btc', interval: '1d', start: T0, end: T0 + 3 * DAY }, { now: () => NOW, fetch })).rejects.toThrow(/next page on another host \(evil\.example\)/);
  });
});
