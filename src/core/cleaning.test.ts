import { describe, it, expect } from 'vitest';
import { applyFixes, buildCleaningReport, type RawSeries } from './cleaning';
import { BAR_LENGTH_WINDOW, markOutlierReturns, trailingBarLengths } from './fillAndFlag';

const DAY = 86_400_000;
const D0 = Date.UTC(2024, 0, 1);
const d = (k: number): number => D0 + k * DAY;

/**
 * One planted defect per kind. Rows (line = row + 2, line 1 is the CSV header):
 *   r0 d0 ok | r1 d1 ok | r2 bad time | r3 d2 close missing | r4 d3 close "abc"
 *   r5 d3 duplicate | r6 d5 | r7 d4 unsorted | r8 d9 (gap: d6, d7, d8 missing)
 *   r9 d10 high 10.2 < close 10.8 | r10 d11 volume -5
 */
function planted(withLines: boolean): RawSeries {
  const time = Float64Array.from([d(0), d(1), NaN, d(2), d(3), d(3), d(5), d(4), d(9), d(10), d(11)]);
  const n = time.length;
  const open = new Float64Array(n).fill(10);
  const high = new Float64Array(n).fill(11);
  const low = new Float64Array(n).fill(9);
  const close = new Float64Array(n).fill(10.5);
  const volume = new Float64Array(n).fill(100);
  close[3] = NaN;
  close[4] = NaN;
  high[9] = 10.2;
  close[9] = 10.8;
  volume[10] = -5;
  const series: RawSeries = {
    time,
    columns: { open, high, low, close, volume },
    nonNumeric: [{ row: 4, column: 'close', text: 'abc' }],
  };
  if (withLines) series.lines = Int32Array.from({ length: n }, (_, i) => i + 2);
  return series;
}

describe('buildCleaningReport', () => {
  const report = buildCleaningReport(planted(true));
  const find = (kind: string) => report.issues.filter((i) => i.kind === kind);

  it('infers the interval as the median positive step', () => {
    // Positive consecutive steps in days: 1, 1, 2, 5, 1, 1 -> sorted 1,1,1,1,2,5 -> median 1 day.
    expect(report.intervalMs).toBe(DAY);
    expect(report.rows).toBe(11);
  });

  it('finds each planted defect at its row and line', () => {
    expect(report.counts).toEqual({ 'bad-time': 1, unsorted: 1, duplicate: 1, gap: 1, nan: 1, 'non-numeric': 1, ohlc: 2, price: 0, spike: 0 });
    expect(find('bad-time')).toMatchObject([{ row: 2, line: 4 }]);
    expect(find('nan')).toMatchObject([{ row: 3, line: 5, column: 'close', message: 'line 5: close is missing' }]);
    expect(find('non-numeric')).toMatchObject([
      { row: 4, line: 6, column: 'close', message: 'line 6: close is "abc", expected a number' },
    ]);
    expect(find('duplicate')).toMatchObject([{ row: 5, line: 7 }]);
    expect(find('unsorted')).toMatchObject([{ row: 7, line: 9 }]);
    expect(find('gap')).toMatchObject([{ row: 8, line: 10 }]);
    expect(find('gap')[0]!.message).toBe(
      'line 10: 3 missing bars between 2024-01-06T00:00:00.000Z and 2024-01-10T00:00:00.000Z',
    );
    expect(find('ohlc')).toMatchObject([
      { row: 9, line: 11, column: 'high' },
      { row: 10, line: 12, column: 'volume' },
    ]);
    expect(find('duplicate')[0]!.message).toContain('repeats line 6');
  });

  it('says row N when source lines are unknown', () => {
    const plain = buildCleaningReport(planted(false));
    const nan = plain.issues.find((i) => i.kind === 'nan')!;
    expect(nan).toEqual({ kind: 'nan', row: 3, column: 'close', message: 'row 3: close is missing' });
  });

  it('flags low above min(open, close, high) and negative prices', () => {
    const time = Float64Array.from([d(0), d(1)]);
    const columns = {
      open: Float64Array.from([10, -1]),
      high: Float64Array.from([11, 11]),
      low: Float64Array.from([10.5, 0]),
      close: Float64Array.from([10.6, 10]),
    };
    const report2 = buildCleaningReport({ time, columns });
    // row 0: low 10.5 > min(open 10, close 10.6, high 11) = 10.
    // row 1: open -1 and low 0 are not prices (flagged, read as missing), so they take no part in the OHLC check.
    expect(report2.issues.map((i) => [i.row, i.column, i.kind])).toEqual([
      [0, 'low', 'ohlc'],
      [1, 'open', 'price'],
      [1, 'low', 'price'],
    ]);
  });

  it('uses a given interval', () => {
    const time = Float64Array.from([0, 60_000, 180_000]);
    const r = buildCleaningReport({ time, columns: {} }, { intervalMs: 60_000 });
    expect(r.counts.gap).toBe(1);
    expect(r.issues[0]!.message).toContain('1 missing bar between');
  });

  it('reports a clean series as clean', () => {
    const time = Float64Array.from([d(0), d(1), d(2)]);
    const r = buildCleaningReport({ time, columns: { close: Float64Array.from([1, 2, 3]) } });
    expect(r.issues).toEqual([]);
  });

  it('rejects columns of the wrong length', () => {
    expect(() => buildCleaningReport({ time: new Float64Array(3), columns: { close: new Float64Array(2) } })).toThrow(
      'column "close" has 2 rows, time has 3',
    );
  });
});

describe('applyFixes', () => {
  const series = planted(true);
  const report = buildCleaningReport(series);

  it('refuses to guess when a needed fix is missing', () => {
    expect(() => applyFixes(series, report, { sort: true, dropDuplicates: 'first' })).toThrow(
      '1 row with an unparseable time (first at line 4): choose dropBadTime to remove them',
    );
    expect(() => applyFixes(series, report, { dropBadTime: true, dropDuplicates: 'first' })).toThrow(
      '1 unsorted row (first at line 9): choose sort to order rows by time',
    );
    expect(() => applyFixes(series, report, { dropBadTime: true, sort: true })).toThrow(
      "1 duplicate timestamp (first at line 7): choose dropDuplicates 'first' or 'last'",
    );
  });

  it('sorts, drops bad times and keeps the chosen duplicate', () => {
    // Valid rows sorted by time: r0 d0, r1 d1, r3 d2, r4 d3, r5 d3, r7 d4, r6 d5, r8 d9, r9 d10, r10 d11.
    const first = applyFixes(series, report, { dropBadTime: true, sort: true, dropDuplicates: 'first' });
    expect(Array.from(first.lines)).toEqual([2, 3, 5, 6, 9, 8, 10, 11, 12]);
    const last = applyFixes(series, report, { dropBadTime: true, sort: true, dropDuplicates: 'last' });
    expect(Array.from(last.lines)).toEqual([2, 3, 5, 7, 9, 8, 10, 11, 12]);
    expect(Array.from(last.time)).toEqual([0, 1, 2, 3, 4, 5, 9, 10, 11].map(d));
    // NaN cells are not touched: r3 (line 5) close stays missing.
    expect(Number.isNaN(last.columns.close![2]!)).toBe(true);
    expect(last.columns.volume![8]).toBe(-5);
  });

  it('numbers rows from 1 when lines are unknown', () => {
    const time = Float64Array.from([d(1), d(0)]);
    const raw: RawSeries = { time, columns: { close: Float64Array.from([2, 1]) } };
    const out = applyFixes(raw, buildCleaningReport(raw), { sort: true });
    expect(Array.from(out.lines)).toEqual([2, 1]);
    expect(Array.from(out.columns.close!)).toEqual([1, 2]);
  });

  it('rejects a report built for another series', () => {
    expect(() => applyFixes({ time: new Float64Array(2), columns: {} }, report, {})).toThrow(/rebuild the report/);
  });
});

describe('applyFixes: counts, gap filling and outlier flags', () => {
  it('counts every row it drops', () => {
    const series = planted(true);
    const out = applyFixes(series, buildCleaningReport(series), { dropBadTime: true, sort: true, dropDuplicates: 'last' });
    expect(out.applied).toEqual({
      rowsIn: 11,
      rowsOut: 9,
      badTimeDropped: 1,
      sortedRows: 1,
      duplicatesDropped: 1,
      barsInserted: 0,
      gapsFilled: 0,
      // d5 -> d9 (3 bars) stays when no fill is chosen.
      gapsLeft: 1,
      largestGapLeft: 3,
      outliersMarked: 0,
      valuesCleared: 0,
    });
  });

  it('inserts flat bars at the previous close inside gaps up to the limit, and leaves longer gaps', () => {
    // d0 d1 d2 d3 | 1 missing | d5 | 3 missing | d9: a limit of 2 fills the first gap only.
    const time = Float64Array.from([d(0), d(1), d(2), d(3), d(5), d(9)]);
    const series = (values: number[]) => Float64Array.from(values);
    const raw: RawSeries = {
      time,
      columns: {
        open: series([1, 2, 3, 4, 5, 6]),
        high: series([1.5, 2.5, 3.5, 4.5, 5.5, 6.5]),
        low: series([0.5, 1.5, 2.5, 3.5, 4.5, 5.5]),
        close: series([1.2, 2.2, 3.2, 4.2, 5.2, 6.2]),
        volume: series([10, 20, 30, 40, 50, 60]),
        funding: series([0.1, 0.2, 0.3, 0.4, 0.5, 0.6]),
      },
      lines: Int32Array.from([2, 3, 4, 5, 6, 7]),
    };
    const out = applyFixes(raw, buildCleaningReport(raw), { forwardFillGaps: 2 });
    expect(Array.from(out.time)).toEqual([0, 1, 2, 3, 4, 5, 9].map(d));
    // The inserted bar (d4) has no source line.
    expect(Array.from(out.lines)).toEqual([2, 3, 4, 5, 0, 6, 7]);
    for (const name of ['open', 'high', 'low', 'close']) expect(out.columns[name]![4]).toBe(4.2);
    expect(out.columns.volume![4]).toBe(0);
    expect(out.columns.funding![4]).toBe(0.4);
    expect(out.applied).toMatchObject({ rowsIn: 6, rowsOut: 7, barsInserted: 1, gapsFilled: 1, gapsLeft: 1, largestGapLeft: 3 });

    const all = applyFixes(raw, buildCleaningReport(raw), { forwardFillGaps: 3 });
    expect(all.applied).toMatchObject({ barsInserted: 4, gapsFilled: 2, gapsLeft: 0, rowsOut: 10 });
    expect(Array.from(all.time)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9].map(d));
  });

  it('leaves a gap that is not a whole number of bars', () => {
    const time = Float64Array.from([d(0), d(1), d(2), d(3), d(5.5)]);
    const raw: RawSeries = { time, columns: { close: Float64Array.from([1, 2, 3, 4, 5]) } };
    const out = applyFixes(raw, buildCleaningReport(raw), { forwardFillGaps: 5 });
    expect(out.applied).toMatchObject({ barsInserted: 0, gapsLeft: 1 });
    expect(out.time.length).toBe(5);
  });

  it('flags outlier returns in a 0/1 column and keeps every row', () => {
    // Small alternating returns (+-1%) and one +30% jump at row 10 and its -23% reversal at row 11.
    const close = Float64Array.from({ length: 20 }, (_, i) => 100 * (i % 2 === 0 ? 1 : 1.01));
    close[10] = 130;
    const time = Float64Array.from({ length: 20 }, (_, i) => d(i));
    const raw: RawSeries = { time, columns: { close } };
    const out = applyFixes(raw, buildCleaningReport(raw), { markOutliers: { column: 'close', zScore: 5 } });
    expect(out.time.length).toBe(20);
    const flagged = Array.from(out.columns.outlier!).flatMap((v, i) => (v === 1 ? [i] : []));
    expect(flagged).toEqual([10, 11]);
    expect(out.applied.outliersMarked).toBe(2);
    expect(out.columns.outlier![0]).toBe(0);
  });

  it('names a missing outlier column and an existing "outlier" column', () => {
    const raw: RawSeries = { time: Float64Array.from([d(0), d(1)]), columns: { close: Float64Array.from([1, 2]), outlier: Float64Array.from([0, 0]) } };
    const report = buildCleaningReport(raw);
    expect(() => applyFixes(raw, report, { markOutliers: { column: 'price', zScore: 4 } })).toThrow('markOutliers: no column "price"; columns: close, outlier');
    expect(() => applyFixes(raw, report, { markOutliers: { column: 'close', zScore: 4 } })).toThrow(/already has a column named "outlier"/);
  });
});

describe('trailingBarLengths', () => {
  it('judges a step only after 3 earlier steps, by their median, and reads no later row', () => {
    expect(Array.from(trailingBarLengths(Float64Array.from([0, 1, 2, 3, 5, 6, 100])))).toEqual([NaN, NaN, NaN, NaN, 1, 1, 1]);
    // Two-unit steps, then unit steps: the median follows the last BAR_LENGTH_WINDOW steps only.
    const time = Float64Array.from({ length: 100 }, (_, i) => (i < 50 ? 2 * i : 100 + (i - 50)));
    const bars = trailingBarLengths(time);
    expect(bars[50]).toBe(2);
    expect(bars[50 + BAR_LENGTH_WINDOW / 2 + 1]).toBe(1.5);
    expect(bars[50 + BAR_LENGTH_WINDOW / 2 + 2]).toBe(1);
    expect(Array.from(trailingBarLengths(time.subarray(0, 60)))).toEqual(Array.from(bars.subarray(0, 60)));
  });
});

describe('markOutlierReturns', () => {
  it('marks nothing when the robust sigma is 0 (flat prices) and ignores non-positive prices', () => {
    expect(markOutlierReturns(Float64Array.from([1, 1, 1, 2, 1, 1]), 3).marked).toBe(0);
    // Trailing: a bar is judged against at least 8 earlier finite returns.
    const r = markOutlierReturns(Float64Array.from([1, 1.01, 1, 0, 1.01, 1, 1.01, 1, 1.01, 1, 1.01, 1, 1.01, 5]), 4);
    expect(Array.from(r.flags)).toEqual([0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1]);
  });
});
