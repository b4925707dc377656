import type { Data, Layout } from 'plotly.js';

/** Chart adapters of the gates view: the window's inputs as lines, each state as a unit x time grid. */

const GATE_RANGE = new Set(['input gate', 'forget gate', 'output gate', 'update gate', 'reset gate']);

export function gateInputTraces(times: string[], inputs: { name: string; values: (number | null)[] }[]): Data[] {
  return inputs.map((input): Data => ({ type: 'scatter', mode: 'lines+markers', name: input.name, x: times, y: input.values, marker: { size: 4 } }));
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
        size: Math.max(6, Math.min(18, Math.floor(900 / Math.max(1, times.length)))),
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

export const GATE_INPUT_LAYOUT: Partial<Layout> = { xaxis: { type: 'date' } };
