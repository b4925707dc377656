import type { Data, Layout } from 'plotly.js';

/** Chart adapters of the gates view: the window's inputs as lines, each state as a unit x time grid. */

const GATE_RANGE = new Set(['input gate', 'forget gate', 'output gate', 'update gate', 'reset gate']);

const axisName = (i: number) => (i === 0 ? 'y' : `y${i + 1}`);
const layoutAxis = (i: number) => (i === 0 ? 'yaxis' : `yaxis${i + 1}`);

/** One strip per input, each on its own y axis (an RSI near 50 would flatten a return near 0), one time axis. */
export function gateInputTraces(times: string[], inputs: { name: string; values: (number | null)[] }[]): Data[] {
  return inputs.map((input, i): Data => ({ type: 'scatter', mode: 'lines+markers', name: input.name, x: times, y: input.values, marker: { size: 4 }, yaxis: axisName(i) as 'y' }));
}

export function gateInputLayout(inputs: number): Partial<Layout> {
  const gap = 0.06;
  const strip = (1 - gap * (inputs - 1)) / Math.max(1, inputs);
  const axes = Object.fromEntries(
    Array.from({ length: inputs }, (_, i) => [layoutAxis(i), { domain: [1 - (i + 1) * strip - i * gap, 1 - i * strip - i * gap], zeroline: false }]),
  );
  return { xaxis: { type: 'date' }, ...axes, height: 80 + 90 * inputs };
}

/**
 * One square a unit and step (a scatter: the plotly bundle has no heatmap trace). Gates live in
 * [0, 1] (0: closed, 1: open); the candidate and the states are signed, on a scale symmetric in 0.
 */
export function stateGridTraces(times: string[], units: number[], series: { name: string; values: number[][] }): Data[] {
  const x: string[] = [];
  const y: string[] = [];
  const color: number[] = [];
  series.values.forEach((row, u) =>
    row.forEach((v, t) => {
      x.push(times[t]!);
      y.push(`unit ${units[u]}`);
      color.push(v);
    }),
  );
  const isGate = GATE_RANGE.has(series.name);
  const largest = Math.max(1e-9, ...color.map(Math.abs));
  return [
    {
      type: 'scatter',
      mode: 'markers',
      name: series.name,
      x,
      y,
      hovertemplate: `%{y}, %{x}: %{marker.color:.3f}<extra>${series.name}</extra>`,
      marker: {
        symbol: 'square',
        size: Math.max(6, Math.min(22, Math.floor(800 / Math.max(1, times.length)) - 3)),
        color,
        colorscale: isGate ? 'Viridis' : 'RdBu',
        cmin: isGate ? 0 : -largest,
        cmax: isGate ? 1 : largest,
        showscale: true,
      },
      showlegend: false,
    },
  ];
}

export function stateGridLayout(units: number): Partial<Layout> {
  return { xaxis: { type: 'date' }, yaxis: { type: 'category', autorange: 'reversed', showgrid: false, dtick: units > 16 ? 4 : 1 } };
}

