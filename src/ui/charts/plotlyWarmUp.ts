/**
 * Draws one tiny, hidden chart of each registered trace type, each in an idle callback of its own,
 * right after plotly loads. V8 compiles plotly's drawing code on its first run: without this the
 * first chart of the results (the candles) paid for it, a task of about 300 ms on a loaded machine.
 */
import type { Data } from 'plotly.js';
import type { PlotlyModule } from './plotlyLoader';
import type { ChartTraceType } from './chartTraceTypes';

const day = (i: number) => `2024-01-0${i + 1}`;

/** One small trace per registered type (the Record makes TypeScript ask for each new one). */
const SAMPLES: Record<ChartTraceType, Data[]> = {
  scatter: [
    { type: 'scatter', mode: 'lines', x: [day(0), day(1), day(2)], y: [1, 3, 2], name: 'a', fill: 'tozeroy' },
    { type: 'scatter', mode: 'lines+markers', x: [day(0), day(1), day(2)], y: [2, 1, 3], name: 'b' },
  ],
  bar: [{ type: 'bar', x: ['a', 'b'], y: [1, 2], name: 'bar' }],
  histogram: [{ type: 'histogram', x: [1, 2, 2, 3], name: 'histogram' }],
  candlestick: [{ type: 'candlestick', x: [day(0), day(1)], open: [1, 2], high: [3, 3], low: [0, 1], close: [2, 1], name: 'candles' }],
  waterfall: [{ type: 'waterfall', x: ['a', 'b'], y: [1, -1], name: 'waterfall' }],
};

export async function warmUpPlotly(Plotly: PlotlyModule, between: () => Promise<void>): Promise<void> {
  const element = document.createElement('div');
  element.setAttribute('aria-hidden', 'true');
  element.style.cssText = 'position:absolute;left:-10000px;top:0;width:400px;height:240px;visibility:hidden';
  document.body.append(element);
  try {
    for (const data of Object.values(SAMPLES)) {
      await between();
      await Plotly.react(element, data, { title: { text: 'warm-up' }, width: 400, height: 240, legend: { orientation: 'h' }, xaxis: { ticklabeloverflow: 'allow' } }, { displaylogo: false });
    }
  } finally {
    Plotly.purge(element);
    element.remove();
  }
}
