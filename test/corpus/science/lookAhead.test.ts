/**
 * No look-ahead and the same numbers every time (issue 14, item 8): the outlier flag of the
 * cleaning step, on-chain publication lag 0 and recurrent dropout.
 */
import { describe, expect, it } from 'vitest';
import { markOutlierReturns } from '../../../src/core/fillAndFlag';
import type { Frame } from '../../../src/core/frame';
import { parseNotebook } from '../../../src/notebook/parse';
import type { RunResult } from '../../../src/notebook/runner';
import { runNotebook } from '../../../src/notebook/runner';
import { answerApiRequest } from '../../../src/sources/connectors/fixtures/apiServer';
import { fakeFetch } from '../../../src/sources/connectors/fixtures/fakeFetch';
import { generateDemoMarket } from '../../../src/sources/demo';
import { corpusEnvironment, corpusNotebook } from './corpusNotebooks.testkit';

const PRICES = ['open', 'high', 'low', 'close'] as const;

function csvOf(frame: Frame): string {
  const lines = ['time,open,high,low,close,volume'];
  for (let t = 0; t < frame.time.length; t++) {
    lines.push([new Date(frame.time[t]!).toISOString(), ...PRICES.map((c) => frame.columns[c]![t]), frame.columns.volume![t]].join(','));
  }
  return `${lines.join('\n')}\n`;
}

/** The same market with every bar from `cut` on made wild: alternating 8x / 0.125x price jumps, 100x volume. */
function wildAfter(frame: Frame, cut: number): Frame {
  const columns = { ...frame.columns };
  for (const c of [...PRICES, 'volume'] as const) {
    columns[c] = frame.columns[c]!.map((v, t) => (t < cut ? v : c === 'volume' ? v * 100 : v * (t % 2 === 0 ? 8 : 0.125)));
  }
  return { ...frame, columns };
}

const stable = (r: RunResult) => ({
  folds: r.report.folds.map(({ trainMs: _trainMs, ...fold }) => fold),
  predicted: r.series.forecast.predicted,
  time: r.series.forecast.time,
});

describe('corpus: markOutliers cannot see the future', () => {
  it('perturbing only prices and volume after a cut leaves every pre-cut fold bit-identical', async () => {
    const market = generateDemoMarket({ seed: 5, bars: 520 });
    const cut = 420;
    const doc = parseNotebook(
      corpusNotebook({
        cells: {
          data: { source: { type: 'csv', name: 'market.csv', path: 'market.csv', fixes: { markOutliers: { column: 'close', zScore: 3 } } } },
          features: {
            features: [{ name: 'logReturn' }, { name: 'lag', column: 'outlier', lag: 1 }, { name: 'logReturn', column: 'volume' }],
          },
          walkforward: { mode: 'rolling', trainSize: 200, testSize: 50, step: 50 },
        },
      }),
    );
    const run = (frame: Frame) => runNotebook(doc, corpusEnvironment({ readCsvText: () => Promise.resolve(csvOf(frame)) }));
    const before = await run(market);
    const after = await run(wildAfter(market, cut));
    const dayMs = 86_400_000;
    const cutTime = market.time[cut]!;
    // A fold is before the cut when its last test target (one bar ahead) is known before it.
    const preCut = (r: RunResult) => stable(r).folds.filter((f) => Date.parse(f.testEnd) + dayMs < cutTime);
    expect(preCut(before).length).toBeGreaterThanOrEqual(3);
    expect(preCut(after)).toEqual(preCut(before));
    const n = preCut(before).reduce((sum, f) => sum + f.testSamples, 0);
    expect(stable(after).predicted.slice(0, n)).toEqual(stable(before).predicted.slice(0, n));
    // The flag is in use (bars are marked before the cut) and the perturbation changes later folds.
    expect(markOutlierReturns(market.columns.close!.subarray(0, cut), 3).marked).toBeGreaterThan(0);
    expect(stable(after).folds.at(-1)!.metrics).not.toEqual(stable(before).folds.at(-1)!.metrics);
    // The run checked the cleaning step itself and says so in its report, like the features' check.
    expect(before.report.tests.cleaningLookAhead).toEqual({ fixes: ['markOutliers'], cuts: [260, 364, 468], note: 'checked in this run' });
  });

  it('forwardFillGaps: hourly bars after a cut leave every pre-cut fold bit-identical (a whole-series bar length would not)', async () => {
    const market = generateDemoMarket({ seed: 6, bars: 520 });
    const cut = 250;
    const hourMs = 3_600_000;
    // Daily bars with one-bar holes before the cut (rows 60, 120, 200 dropped: filled). In the
    // perturbed file the bars from the cut on are hourly: most of the file's steps are then an
    // hour, so a bar length inferred from all the rows would stop filling the daily holes.
    const file = (hourlyAfterCut: boolean): Frame => {
      const keep = Array.from(market.time.keys()).filter((t) => ![60, 120, 200].includes(t));
      const pick = (v: Float64Array) => Float64Array.from(keep, (t) => v[t]!);
      const time = Float64Array.from(keep, (t) => (hourlyAfterCut && t >= cut ? market.time[cut]! + (t - cut) * hourMs : market.time[t]!));
      return { ...market, time, columns: Object.fromEntries(Object.entries(market.columns).map(([k, v]) => [k, pick(v)])) };
    };
    const doc = parseNotebook(
      corpusNotebook({
        cells: {
          data: { source: { type: 'csv', name: 'market.csv', path: 'market.csv', fixes: { forwardFillGaps: 1 } } },
          walkforward: { mode: 'rolling', trainSize: 100, testSize: 50, step: 50 },
        },
      }),
    );
    const run = (frame: Frame) => runNotebook(doc, corpusEnvironment({ readCsvText: () => Promise.resolve(csvOf(frame)) }));
    const before = await run(file(false));
    const after = await run(file(true));
    const dayMs = 86_400_000;
    const cutTime = market.time[cut]!;
    const preCut = (r: RunResult) => stable(r).folds.filter((f) => Date.parse(f.testEnd) + dayMs < cutTime);
    expect(preCut(before).length).toBeGreaterThanOrEqual(2);
    expect(preCut(after)).toEqual(preCut(before));
    expect(before.report.data.rows).toBe(520);
    expect(before.report.tests.cleaningLookAhead).toMatchObject({ fixes: ['forwardFillGaps'], note: 'checked in this run' });
  });
});

describe('corpus: on-chain publication lag 0', () => {
  it('is refused with its path (schema) or by the alignment, never run', async () => {
    const market = generateDemoMarket({ seed: 11, bars: 400, start: '2023-01-01' });
    const served = fakeFetch((url) => answerApiRequest(url, market) ?? { status: 404, body: { message: 'not routed' } });
    const env = corpusEnvironment({ loadConnector: (connector, request) => connector.load(request, { fetch: served.fetch, now: () => Date.UTC(2030, 0, 1) }) });
    const onchain = {
      source: { type: 'coinmetrics', symbol: 'btc', interval: '1d', start: '2023-01-01', end: '2024-01-01', metrics: ['AdrActCnt'] },
      publicationLagBars: 0,
      maxForwardFill: 3,
    };
    const doc = corpusNotebook({
      cells: { data: { source: { type: 'binance', symbol: 'BTCUSDT', interval: '1d', start: '2023-01-01', end: '2024-01-01' }, onchain } },
    });
    const run = async () => runNotebook(parseNotebook(doc), env);
    await expect(run()).rejects.toThrow(
      /cells\[0\]\.onchain\.publicationLagBars: .*>=\s?1|publicationLagBars must be a whole number >= 1, got 0: a day's on-chain value describes the whole day/,
    );
    const lagOne = await runNotebook(parseNotebook({ ...doc, cells: (doc.cells as Record<string, unknown>[]).map((c) => (c.kind === 'data' ? { ...c, onchain: { ...onchain, publicationLagBars: 1 } } : c)) }), env);
    expect(lagOne.report.data.notes.some((note) => /AdrActCnt: shifted 1 bar/.test(note))).toBe(true);
  });
});

describe('corpus: recurrentDropout is reproducible', () => {
  const withDropout = (recurrentDropout: number) =>
    parseNotebook(
      corpusNotebook({
        bars: 330,
        cells: {
          model: { model: { type: 'lstm', units: 6, lookback: 8, recurrentActivation: 'sigmoid', recurrentDropout }, training: { epochs: 2, batchSize: 32, learningRate: 0.01 } },
          walkforward: { mode: 'rolling', trainSize: 150, testSize: 60, step: 60 },
        },
      }),
    );

  it('one notebook run twice gives identical folds, and the masks do drop units', async () => {
    const first = await runNotebook(withDropout(0.3), corpusEnvironment());
    const second = await runNotebook(withDropout(0.3), corpusEnvironment());
    expect(first.report.folds.length).toBeGreaterThanOrEqual(2);
    expect(first.report.folds[0]!.engine).toMatch(/tfjs layers \(recurrentDropout trains on tfjs layers \(seeded masks\)\)/);
    expect(stable(second)).toEqual(stable(first));
    const none = await runNotebook(withDropout(0), corpusEnvironment());
    expect(stable(none).predicted).not.toEqual(stable(first).predicted);
  });
});
