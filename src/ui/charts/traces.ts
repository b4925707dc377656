import type { Data, Layout } from 'plotly.js';

/** Chart adapters: map run data to plotly traces. Mapping only, no computation. */

export interface Candles {
  time: number[];
  open: number[];
  high: number[];
  low: number[];
  close: number[];
}

const dates = (time: number[]) => time.map((t) => new Date(t).toISOString());

export function candleTraces(c: Candles): Data[] {
  return [{ type: 'candlestick', x: dates(c.time), open: c.open, high: c.high, low: c.low, close: c.close, name: 'price' }];
}

export function forecastTraces(f: { time: number[]; actual: number[]; predicted: number[] }): Data[] {
  const x = dates(f.time);
  return [
    { type: 'scatter', mode: 'lines', x, y: f.actual, name: 'actual log return', line: { color: '#8892a6', width: 1 } },
    { type: 'scatter', mode: 'lines', x, y: f.predicted, name: 'forecast (out of sample)', line: { color: '#f5a623', width: 1.5 } },
  ];
}

export function foldBoundaryLayout(foldStarts: number[]): Partial<Layout> {
  return {
    shapes: foldStarts.map((t) => ({
      type: 'line',
      xref: 'x',
      yref: 'paper',
      x0: new Date(t).toISOString(),
      x1: new Date(t).toISOString(),
      y0: 0,
      y1: 1,
      line: { color: '#4a5568', dash: 'dot', width: 1 },
    })),
  };
}

export function equityTraces(e: { time: number[]; strategy: number[]; buyAndHold: number[] }): Data[] {
  const x = dates(e.time);
  return [
    { type: 'scatter', mode: 'lines', x, y: e.strategy, name: 'strategy (long/flat)', line: { color: '#38c172' } },
    { type: 'scatter', mode: 'lines', x, y: e.buyAndHold, name: 'buy and hold', line: { color: '#8892a6' } },
  ];
}
