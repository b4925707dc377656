import { describe, expect, it } from 'vitest';
import { blockchainCom, chartColumnName } from './blockchainCom';
import { fakeFetch } from './fixtures/fakeFetch';
import { blockchainHashRate, DAY, mempoolHashrate, NOW, T0 } from './fixtures/responses';
import { mempool, mempoolPeriod } from './mempool';

describe('blockchain.com charts', () => {
  it('asks for every point of the range and names the column after the chart', async () => {
    const server = fakeFetch(() => ({ body: blockchainHashRate }));
    const { frame } = await blockchainCom.load({ symbol: 'hash-rate', interval: '1d', start: T0, end: T0 + 3 * DAY }, { now: () => NOW, fetch: server.fetch });
    expect(server.urls[0]).toBe('https://api.blockchain.info/charts/hash-rate?timespan=3days&start=2024-01-01&format=json&sampled=false');
    expect(Object.keys(frame.columns)).toEqual(['hashRate']);
    expect(Array.from(frame.columns.hashRate!)).toEqual([5.0e8, 5.0e8 + 1, 5.0e8 + 2]);
    expect(frame.meta.name).toBe('Total Hash Rate (TH/s) (Hash Rate TH/s) (blockchain.com)');
    expect(chartColumnName('n-unique-addresses')).toBe('nUniqueAddresses');
  });

  it('refuses a status other than ok', async () => {
    const { fetch } = fakeFetch(() => ({ body: { ...blockchainHashRate, status: 'error' } }));
    await expect(blockchainCom.load({ symbol: 'hash-rate', interval: '1d', start: T0, end: T0 + DAY }, { now: () => NOW, fetch })).rejects.toThrow('blockchain.com answered status "error" for the chart "hash-rate"');
  });
});

describe('mempool.space hashrate', () => {
  it('asks for the shortest period reaching back to start and keeps [start, end)', async () => {
    const server = fakeFetch(() => ({ body: mempoolHashrate }));
    const { frame } = await mempool.load({ symbol: 'btc', interval: '1d', start: T0 + DAY, end: T0 + 3 * DAY }, { now: () => NOW, fetch: server.fetch });
    expect(server.urls[0]).toBe('https://mempool.space/api/v1/mining/hashrate/3m');
    expect(Array.from(frame.time)).toEqual([T0 + DAY, T0 + 2 * DAY]);
    expect(Array.from(frame.columns.hashRate!)).toEqual([5.1e20 + 1, 5.1e20 + 2]);
    expect([mempoolPeriod(NOW - 100 * DAY, NOW), mempoolPeriod(NOW - 400 * DAY, NOW), mempoolPeriod(NOW - 2000 * DAY, NOW)]).toEqual(['6m', '2y', 'all']);
  });
});
