/**
 * The plotly trace types the app draws. The partial plotly bundle (plotlyBundle.ts) registers exactly
 * these, and PlotlyChart refuses a trace of any other type with an error that names it, so a view
 * that starts using a new type fails its test until the type is added here (and thus to the bundle).
 * No WebGL trace (scattergl, parcoords, splom, ...): those compile shaders through regl, which
 * needs `new Function`, and the page's CSP forbids eval (src/app/contentSecurityPolicy.ts).
 */
export const CHART_TRACE_TYPES = ['scatter', 'bar', 'histogram', 'candlestick', 'waterfall'] as const;

export type ChartTraceType = (typeof CHART_TRACE_TYPES)[number];

const registered: ReadonlySet<string> = new Set(CHART_TRACE_TYPES);

/** The trace types in `data` that the bundle lacks (plotly draws a trace without `type` as a scatter). */
export function unregisteredTraceTypes(data: readonly { type?: string | undefined }[]): string[] {
  return [...new Set(data.map((trace) => trace.type ?? 'scatter'))].filter((type) => !registered.has(type));
}

export function unregisteredTraceError(types: readonly string[]): string {
  return `trace type ${types.map((t) => `"${t}"`).join(', ')} is not in the app's plotly bundle: add it to CHART_TRACE_TYPES in src/ui/charts/chartTraceTypes.ts and its module to TRACE_MODULES in src/ui/charts/plotlyBundle.ts`;
}
