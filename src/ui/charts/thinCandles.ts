/**
 * Fewer, wider candles for a price chart: each group of `barsPerCandle` consecutive bars becomes one
 * candle (open of the first, high the max, low the min, close of the last, time of the first), so a
 * chart of a few thousand bars draws a few hundred candles, which is all its pixels can show (a
 * display adapter: the data, the features and the models keep every bar).
 */
export interface OhlcColumns {
  time: number[];
  open: number[];
  high: number[];
  low: number[];
  close: number[];
}

export interface ThinnedCandles {
  candles: OhlcColumns;
  barsPerCandle: number;
}

export function thinCandles(bars: OhlcColumns, maxCandles: number): ThinnedCandles {
  if (!(maxCandles >= 1) || !Number.isInteger(maxCandles)) throw new Error(`thinCandles: maxCandles must be a whole number >= 1, got ${maxCandles}`);
  const rows = bars.time.length;
  const barsPerCandle = Math.max(1, Math.ceil(rows / maxCandles));
  if (barsPerCandle === 1) return { candles: bars, barsPerCandle };
  const candles: OhlcColumns = { time: [], open: [], high: [], low: [], close: [] };
  for (let start = 0; start < rows; start += barsPerCandle) {
    const end = Math.min(rows, start + barsPerCandle);
    let high = -Infinity;
    let low = Infinity;
    for (let row = start; row < end; row++) {
      high = Math.max(high, bars.high[row]!);
      low = Math.min(low, bars.low[row]!);
    }
    candles.time.push(bars.time[start]!);
    candles.open.push(bars.open[start]!);
    candles.high.push(high);
    candles.low.push(low);
    candles.close.push(bars.close[end - 1]!);
  }
  return { candles, barsPerCandle };
}
