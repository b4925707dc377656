/** UTC milliseconds since the epoch. */
export type UtcMs = number;

export interface FrameMeta {
  /** Human name of the series, e.g. "BTC-USD daily (synthetic)". */
  name: string;
  /** Bar length in ms (86_400_000 for daily); 0 when unknown. */
  intervalMs: number;
  /** True when the data is generated, not market data; the UI labels it. */
  synthetic: boolean;
  source: string;
}

/**
 * A time series table. `time` is strictly increasing UTC ms once cleaned; every column has the
 * same length as `time`; NaN marks a missing value (Float64Array cannot hold null).
 */
export interface Frame {
  time: Float64Array;
  columns: Record<string, Float64Array>;
  meta: FrameMeta;
}

export function column(frame: Frame, name: string): Float64Array {
  const values = frame.columns[name];
  if (!values) {
    const known = Object.keys(frame.columns).join(', ');
    throw new Error(`column "${name}" not found; the frame has: ${known}`);
  }
  return values;
}

/** Rows [start, end) as a new Frame sharing no buffers with the input. */
export function sliceFrame(frame: Frame, start: number, end: number): Frame {
  const columns: Record<string, Float64Array> = {};
  for (const [name, values] of Object.entries(frame.columns)) columns[name] = values.slice(start, end);
  return { time: frame.time.slice(start, end), columns, meta: { ...frame.meta } };
}

export function isoDate(ms: UtcMs): string {
  return new Date(ms).toISOString();
}
