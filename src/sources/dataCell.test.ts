import { describe, expect, it } from 'vitest';
import { answerApiRequest } from './connectors/fixtures/apiServer';
import { fakeFetch } from './connectors/fixtures/fakeFetch';
import { generateDemoMarket } from './demo';
import { loadDataCell, type SourceIo } from './loadSource';

const market = generateDemoMarket({ seed: 11, bars: 400, start: '2023-01-01' });
const served = fakeFetch((url) => {
  const reply = answerApiRequest(url, market);
  return reply ?? { status: 404, body: { message: 'not routed' } };
});
const io: SourceIo = {
  readCsvText: () => Promise.reject(new Error('no csv')),
  loadConnector: (connector, request) => connector.load(request, { fetch: served.fetch, now: () => Date.UTC(2030, 0, 1) }),
};

describe('loadDataCell with connectors', () => {
  it('joins Binance candles and Coin Metrics active addresses, shifted one day for publication', async () => {
    const result = await loadDataCell(
      {
        source: { type: 'binance', symbol: 'BTCUSDT', interval: '1d', start: '2023-01-01', end: '2024-01-01' },
        onchain: { source: { type: 'coinmetrics', symbol: 'btc', interval: '1d', start: '2023-01-01', end: '2024-01-01', metrics: ['AdrActCnt'] }, publicationLagBars: 1, maxForwardFill: 3 },
      },
      io,
    );
    expect(result.frame.time.length).toBe(365);
    expect(Array.from(result.frame.columns.close!.slice(0, 3))).toEqual(Array.from(market.columns.close!.slice(0, 3)));
    // Day D's address count is first usable at bar D + 1.
    expect(result.frame.columns.AdrActCnt![0]).toBeNaN();
    expect(result.frame.columns.AdrActCnt![1]).toBe(market.columns.activeAddresses![0]);
    expect(result.notes.some((n) => /Coin Metrics/.test(n))).toBe(true);
    expect(result.notes.some((n) => /AdrActCnt: shifted 1 bar/.test(n))).toBe(true);
    expect(served.urls.filter((u) => u.includes('klines'))).toHaveLength(1);
  });

  it('refuses to resample to a finer interval than the source, saying why', async () => {
    await expect(
      loadDataCell({ source: { type: 'binance', symbol: 'BTCUSDT', interval: '1d', start: '2023-01-01', end: '2023-03-01' }, resample: '4h' }, io),
    ).rejects.toThrow(/resample/i);
  });

  it('names an unknown symbol', async () => {
    await expect(loadDataCell({ source: { type: 'binance', symbol: 'NOPE', interval: '1d', start: '2023-01-01', end: '2023-02-01' } }, io)).rejects.toThrow(/NOPE/);
  });
});
