import { describe, expect, it } from 'vitest';
import { fakeFetch } from './fixtures/fakeFetch';
import { krakenOhlc } from './fixtures/responses';
import { kraken } from './kraken';

const DAY = 86_400_000;
const NOW = Date.UTC(2024, 5, 1, 12);
/** The 720 most recent daily bars, the last one still forming, as Kraken serves them. */
const recent = Array.from({ length: 720 }, (_, i) => {
  const t = Date.UTC(2024, 5, 1) - (719 - i) * DAY;
  return { t, open: 1, high: 2, low: 0.5, close: 1.5, volume: 10 };
});

describe('kraken', () => {
  it('finds the pair under Kraken\'s own name and sends interval minutes and since', async () => {
    const server = fakeFetch(() => ({ body: krakenOhlc(recent, 'XXBTZUSD') }));
    const start = recent[700]!.t;
    const { frame, warnings } = await kraken.load({ symbol: 'xbtusd', interval: '1d', start, end: NOW }, { now: () => NOW, fetch: server.fetch });
    expect(server.urls[0]).toBe(`https://api.kraken.com/0/public/OHLC?pair=XBTUSD&interval=1440&since=${start / 1000 - 1}`);
    expect(frame.time).toHaveLength(20);
    expect(warnings).toEqual([expect.stringMatching(/still forming/)]);
  });

  it('warns, and reports a gap, when the range reaches past the 720 bars Kraken keeps', async () => {
    const { fetch } = fakeFetch(() => ({ body: krakenOhlc(recent) }));
    const start = Date.UTC(2020, 0, 1);
    const { frame, report, warnings } = await kraken.load({ symbol: 'XBTUSD', interval: '1d', start, end: NOW }, { now: () => NOW, fetch });
    expect(frame.time).toHaveLength(720);
    expect(report.counts.gap).toBe(1);
    expect(report.issues[0]).toMatchObject({ kind: 'gap', row: 0 });
    expect(warnings[0]).toMatch(/bars missing between the asked start 2020-01-01 and the first bar 2022-06-13: Kraken returns at most the 720 most recent bars/);
  });

  it('says why a range entirely older than the 720 bars is empty', async () => {
    const { fetch } = fakeFetch(() => ({ body: krakenOhlc(recent) }));
    await expect(kraken.load({ symbol: 'XBTUSD', interval: '1d', start: Date.UTC(2020, 0, 1), end: Date.UTC(2020, 1, 1) }, { now: () => NOW, fetch })).rejects.toThrow(
      /Kraken returned no candles for XBTUSD 1d between 2020-01-01 and 2020-02-01: check the symbol and range\. Kraken returns at most the 720 most recent bars/,
    );
  });

  it('passes on other errors from the error array', async () => {
    const { fetch } = fakeFetch(() => ({ body: { error: ['EGeneral:Invalid arguments'] } }));
    await expect(kraken.load({ symbol: 'XBTUSD', interval: '1d', start: NOW - DAY, end: NOW }, { now: () => NOW, fetch })).rejects.toThrow('Kraken refused the request for XBTUSD: EGeneral:Invalid arguments');
  });
});
