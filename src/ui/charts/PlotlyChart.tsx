import { useEffect, useRef, useState } from 'react';
import type { Data, Layout } from 'plotly.js';
import { drawInTurn, loadedPlotly, loadPlotly } from './plotlyLoader';
import { unregisteredTraceError, unregisteredTraceTypes } from './chartTraceTypes';

export interface PlotlyChartProps {
  testId: string;
  title: string;
  data: Data[];
  layout?: Partial<Layout>;
  height?: number;
  /** Called with the x of the clicked point (a date string on a date axis). */
  onClick?: ((x: unknown) => void) | undefined;
}

export function PlotlyChart({ testId, title, data, layout, height = 320, onClick }: PlotlyChartProps) {
  const ref = useRef<HTMLDivElement>(null);
  const clickRef = useRef(onClick);
  clickRef.current = onClick;
  const [error, setError] = useState<string | null>(null);
  /** What the chart shows now: a rerun's new but equal traces (a fee edit leaves the forecast as it was) are not redrawn. */
  const drawnRef = useRef<string | null>(null);

  useEffect(() => {
    const element = ref.current;
    if (!element) return;
    const missing = unregisteredTraceTypes(data);
    if (missing.length) {
      setError(unregisteredTraceError(missing));
      return;
    }
    const content = JSON.stringify([data, layout, title, height]);
    if (content === drawnRef.current) return;
    let cancelled = false;
    loadPlotly()
      .then((Plotly) =>
        drawInTurn(() => {
          if (cancelled) return;
          const fullLayout: Partial<Layout> = {
            title: { text: title },
            height,
            margin: { l: 60, r: 20, t: 40, b: 40 },
            paper_bgcolor: 'transparent',
            plot_bgcolor: 'transparent',
            font: { color: '#d7dce5' },
            legend: { orientation: 'h' },
            ...layout,
            // plotly's default ("hide past div") measures every tick label to hide those past the
            // chart (a forced layout each, ~100 ms a chart here): labels may overflow instead.
            xaxis: { ticklabeloverflow: 'allow', ...layout?.xaxis },
            yaxis: { ticklabeloverflow: 'allow', ...layout?.yaxis },
          };
          const started = performance.now();
          return Plotly.react(element, data, fullLayout, { responsive: true, displaylogo: false }).then((plot) => {
            // Each chart's draw, named in the page's performance timeline (bench/longTaskTrace.ts lists them).
            performance.measure(`plotly ${testId}`, { start: started });
            drawnRef.current = content;
            // Always listening: an onClick given later (with the same traces, so no redraw) still works.
            plot.removeAllListeners('plotly_click');
            plot.on('plotly_click', (event) => clickRef.current?.(event.points[0]?.x));
          });
        }),
      )
      .catch((e: unknown) => setError(`chart could not be drawn: ${e instanceof Error ? e.message : String(e)}`));
    return () => {
      cancelled = true;
    };
  }, [data, layout, title, height, testId]);

  useEffect(() => {
    const element = ref.current;
    return () => {
      const plotly = loadedPlotly();
      if (element && plotly) void plotly.then((Plotly) => Plotly.purge(element));
    };
  }, []);

  return (
    <figure className="chart" data-testid={testId}>
      {error ? <p className="error">{error}</p> : null}
      <div ref={ref} style={{ minHeight: height }} />
    </figure>
  );
}
