import type { Frame } from '../core/frame';

export interface ColumnSummary {
  column: string;
  count: number;
  missing: number;
  mean: number;
  std: number;
  min: number;
  median: number;
  max: number;
}

/**
 * Per-column summary statistics through danfojs (loaded on first use: it is large). danfojs
 * turns a whole column's mean into NaN when one value is missing, so missing values are counted
 * here and the statistics describe the values that are present.
 */
export async function describeFrame(frame: Frame): Promise<ColumnSummary[]> {
  const dfd = await import('danfojs');
  return Object.entries(frame.columns).map(([column, values]) => {
    const present = Array.from(values).filter((v) => Number.isFinite(v));
    const missing = values.length - present.length;
    if (present.length === 0) return { column, count: 0, missing, mean: NaN, std: NaN, min: NaN, median: NaN, max: NaN };
    const stats = new dfd.Series(present).describe();
    const get = (label: string) => Number(stats.at(label));
    return {
      column,
      count: present.length,
      missing,
      mean: get('mean'),
      std: present.length > 1 ? get('std') : NaN,
      min: get('min'),
      median: get('median'),
      max: get('max'),
    };
  });
}
