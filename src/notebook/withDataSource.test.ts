import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseNotebookJson } from './parse';
import { withDataSource } from './withDataSource';

const demo = parseNotebookJson(readFileSync(resolve(__dirname, '../../public/notebooks/demo.json'), 'utf8'));
const binance = { type: 'binance' as const, symbol: 'BTCUSDT', interval: '1d', start: '2022-01-01', end: '2024-01-01' };
const features = (doc: typeof demo) => doc.cells.flatMap((c) => (c.kind === 'features' ? c.features : []));

describe('withDataSource', () => {
  it('points demo-only on-chain features at the chosen on-chain column', () => {
    const onchain = { source: { type: 'coinmetrics' as const, symbol: 'btc', interval: '1d', start: '2022-01-01', end: '2024-01-01', metrics: ['AdrActCnt'] }, column: 'AdrActCnt' };
    const doc = withDataSource(demo, { source: binance, onchain }, 'BTC from Binance');
    expect(doc.title).toBe('BTC from Binance');
    expect(features(doc)).toEqual([{ name: 'logReturn' }, { name: 'logReturn', column: 'AdrActCnt' }, { name: 'rsi', period: 14 }]);
    expect(doc.cells.find((c) => c.kind === 'data')).toMatchObject({ source: binance, onchain: { publicationLagBars: 1, maxForwardFill: 3 } });
  });

  it('drops features of columns the new source does not have, and keeps everything else', () => {
    const doc = withDataSource(demo, { source: binance }, 'x');
    expect(features(doc)).toEqual([{ name: 'logReturn' }, { name: 'rsi', period: 14 }]);
    expect(doc.cells.filter((c) => c.kind === 'model')).toEqual(demo.cells.filter((c) => c.kind === 'model'));
  });

  it('rejects an invalid choice with the path', () => {
    expect(() => withDataSource(demo, { source: { ...binance, start: 'soon' } }, 'x')).toThrow(/cells\[1\]\.source\.start/);
  });
});
