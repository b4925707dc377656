/**
 * A feature x lag grid of one window's attributions, from groups that span a feature (or all
 * features) and a range of lags: a featureLag explanation fills it cell by cell; a feature or lag
 * grouping gives one column or one row of it.
 */

export interface GroupSpan {
  feature: string | null;
  lagFrom: number;
  lagTo: number;
}

export interface HeatCell {
  /** The feature column, or "all features". */
  row: string;
  /** "lag 3", or a range "lags 4-29". */
  column: string;
  value: number;
}

const lagLabel = (s: GroupSpan) => (s.lagFrom === s.lagTo ? `lag ${s.lagFrom}` : `lags ${s.lagFrom}-${s.lagTo}`);

export function heatmapCells(spans: readonly GroupSpan[], values: readonly number[]): HeatCell[] {
  return spans.map((span, g) => ({ row: span.feature ?? 'all features', column: lagLabel(span), value: values[g] ?? 0 }));
}

/** Column labels in lag order (newest first), each once. */
export function heatmapColumns(spans: readonly GroupSpan[]): string[] {
  const sorted = [...spans].sort((a, b) => a.lagFrom - b.lagFrom || a.lagTo - b.lagTo);
  return [...new Set(sorted.map(lagLabel))];
}

/** One span per cell of a window [lookback, features] in the window's order (position * features + feature; position lookback - 1 is lag 0). */
export function cellSpans(features: readonly string[], lookback: number): GroupSpan[] {
  return Array.from({ length: lookback * features.length }, (_, cell) => {
    const lag = lookback - 1 - Math.floor(cell / features.length);
    return { feature: features[cell % features.length]!, lagFrom: lag, lagTo: lag };
  });
}
