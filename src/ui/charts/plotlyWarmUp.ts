/**
 * Draws one tiny, hidden chart of each registered trace type, each in an idle callback of its own,
 * right after plotly loads. V8 compiles plotly's drawing code on its first run: without this the
 * first chart of the results (the candles) paid for it, a task of about 300 ms on a loaded machine.
 */
import type { Data, Layout } from 'plotly.js';
import type { PlotlyModule } from './plotlyLoader';
import type { ChartTraceType } from './chartTraceTypes';

const day = (i: number) => `2024-01-0${i + 1}`;

const x = [day(0), day(1), day(2)];

/**
 * Small charts for each registered type (the Record makes TypeScript ask for each new one), drawn
 * one per idle callback. Scatter goes first and in three steps (bare axes; fill, markers, legend and
 * title; text points), so no single warm-up draw compiles the bulk of plotly's drawing code at once.
 */
const SAMPLES: Record<ChartTraceType, { data: Data[]; layout: Partial<Layout> }[]> = {
  scatter: [
    { data: [{ type: 'scatter', mode: 'lines', x, y: [1, 3, 2] }], layout: { showlegend: false } },
    {
      data: [
        { type: 'scatter', mode: 'lines', x, y: [1, 3, 2], name: 'a', fill: 'tozeroy' },
        { type: 'scatter', mode: 'lines+markers', x, y: [2, 1, 3], name: 'b' },
      ],
      layout: { title: { text: 'warm-up' }, legend: { orientation: 'h' } },
    },
    { data: [{ type: 'scatter', mode: 'text+markers', x, y: [2, 1, 3], text: ['a', 'b', 'c'], marker: { symbol: 'square' } }], layout: { showlegend: false } },
  ],
  bar: [{ data: [{ type: 'bar', x: ['a', 'b'], y: [1, 2], name: 'bar' }], layout: {} }],
  histogram: [{ data: [{ type: 'histogram', x: [1, 2, 2, 3], name: 'histogram' }], layout: {} }],
  candlestick: [{ data: [{ type: 'candlestick', x: [day(0), day(1)], open: [1, 2], high: [3, 3], low: [0, 1], close: [2, 1], name: 'candles' }], layout: { xaxis: { rangeslider: { visible: false } } } }],
  waterfall: [{ data: [{ type: 'waterfall', x: ['a', 'b'], y: [1, -1], name: 'waterfall' }], layout: {} }],
};

export async function warmUpPlotly(Plotly: PlotlyModule, between: () => Promise<void>): Promise<void> {
  const element = document.createElement('div');
  element.setAttribute('aria-hidden', 'true');
  element.style.cssText = 'position:absolute;left:-10000px;top:0;width:400px;height:240px;visibility:hidden';
  document.body.append(element);
  try {
    for (const { data, layout } of Object.values(SAMPLES).flat()) {
      await between();
      await Plotly.react(element, data, { width: 400, height: 240, ...layout, xaxis: { ticklabeloverflow: 'allow', ...layout.xaxis } }, { displaylogo: false });
    }
  } finally {
    Plotly.purge(element);
    element.remove();
  }
}
