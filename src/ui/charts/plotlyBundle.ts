/**
 * The app's partial plotly: plotly.js's core (scatter, the cartesian axes, legend, hover) plus the
 * trace types the charts use (chartTraceTypes.ts), built from plotly's source modules. Loaded
 * in stages, each its own task with the page's thread free between them (`between`), so that no
 * single evaluation of plotly's modules is a long task: a module's code runs on its first import,
 * and later stages find their dependencies already evaluated.
 */
import type { PlotlyModule } from './plotlyLoader';
import type { ChartTraceType } from './chartTraceTypes';

type TraceModule = Parameters<PlotlyModule['register']>[0];

/** plotly's core in dependency order, each stage a slice of what `plotly.js/lib/core` evaluates. */
const CORE_STAGES: readonly (() => Promise<unknown>)[] = [
  () => import('@plotly/d3'),
  () => import('plotly.js/src/lib/index.js'),
  () => import('plotly.js/src/plots/plots.js'),
  () => import('plotly.js/src/plots/cartesian/index.js'),
  () => import('plotly.js/src/plot_api/plot_api.js'),
  () => import('plotly.js/src/traces/scatter/index.js'),
  () => import('plotly.js/src/components/legend/index.js'),
  () => import('plotly.js/src/components/fx/index.js'),
];

/** Every registered trace type but scatter (the core's own): the Record makes TypeScript require each. */
const TRACE_MODULES: Record<Exclude<ChartTraceType, 'scatter'>, () => Promise<{ default: TraceModule }>> = {
  bar: () => import('plotly.js/lib/bar'),
  histogram: () => import('plotly.js/lib/histogram'),
  candlestick: () => import('plotly.js/lib/candlestick'),
  waterfall: () => import('plotly.js/lib/waterfall'),
};

export async function loadPlotlyBundle(between: () => Promise<void>): Promise<PlotlyModule> {
  for (const stage of CORE_STAGES) {
    await stage();
    await between();
  }
  const core = await import('plotly.js/lib/core');
  const Plotly: PlotlyModule = (core as { default?: PlotlyModule }).default ?? core;
  for (const load of Object.values(TRACE_MODULES)) {
    await between();
    Plotly.register((await load()).default);
  }
  return Plotly;
}
