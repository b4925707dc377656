import { useEffect, useRef, useState } from 'react';
import type { Data, Layout } from 'plotly.js';
import type * as PlotlyNamespace from 'plotly.js-dist-min';

type PlotlyModule = typeof PlotlyNamespace;
let plotlyPromise: Promise<PlotlyModule> | null = null;

/** plotly is ~1 MB gzipped: load it on the first chart, once. */
function loadPlotly(): Promise<PlotlyModule> {
  plotlyPromise ??= import('plotly.js-dist-min').then((m) => ((m as { default?: PlotlyModule }).default ?? m));
  return plotlyPromise;
}

export interface PlotlyChartProps {
  testId: string;
  title: string;
  data: Data[];
  layout?: Partial<Layout>;
  height?: number;
}

export function PlotlyChart({ testId, title, data, layout, height = 320 }: PlotlyChartProps) {
  const ref = useRef<HTMLDivElement>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    const element = ref.current;
    if (!element) return;
    let cancelled = false;
    loadPlotly()
      .then((Plotly) => {
        if (cancelled) return;
        return Plotly.react(element, data, {
          title: { text: title },
          height,
          margin: { l: 60, r: 20, t: 40, b: 40 },
          paper_bgcolor: 'transparent',
          plot_bgcolor: 'transparent',
          font: { color: '#d7dce5' },
          legend: { orientation: 'h' },
          ...layout,
        }, { responsive: true, displaylogo: false });
      })
      .catch((e: unknown) => setError(`chart could not be drawn: ${e instanceof Error ? e.message : String(e)}`));
    return () => {
      cancelled = true;
    };
  }, [data, layout, title, height]);

  useEffect(() => {
    const element = ref.current;
    return () => {
      if (element && plotlyPromise) void plotlyPromise.then((Plotly) => Plotly.purge(element));
    };
  }, []);

  return (
    <figure className="chart" data-testid={testId}>
      {error ? <p className="error">{error}</p> : null}
      <div ref={ref} style={{ minHeight: height }} />
    </figure>
  );
}
