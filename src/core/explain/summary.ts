/** The global view of many window explanations, and how far they are from adding up. */

export interface ExplainedWindow {
  base: number;
  prediction: number;
  values: readonly number[];
}

export interface GlobalImportance {
  group: string;
  /** Mean |value| over the windows. */
  meanAbs: number;
  meanSigned: number;
  /** Standard deviation of |value| over the windows (0 with one window). */
  spread: number;
}

/** Groups sorted by mean |value|, largest first. */
export function globalImportance(groups: readonly string[], windows: readonly ExplainedWindow[]): GlobalImportance[] {
  const n = windows.length;
  return groups
    .map((group, g) => {
      const values = windows.map((w) => w.values[g]!);
      const abs = values.map(Math.abs);
      const meanAbs = n ? abs.reduce((s, v) => s + v, 0) / n : 0;
      const meanSigned = n ? values.reduce((s, v) => s + v, 0) / n : 0;
      const spread = n > 1 ? Math.sqrt(abs.reduce((s, v) => s + (v - meanAbs) ** 2, 0) / (n - 1)) : 0;
      return { group, meanAbs, meanSigned, spread };
    })
    .sort((a, b) => b.meanAbs - a.meanAbs);
}

/** The largest |sum(values) - (prediction - base)| over the windows (0 when none). */
export function additivityError(windows: readonly ExplainedWindow[]): number {
  return windows.reduce((worst, w) => Math.max(worst, Math.abs(w.values.reduce((s, v) => s + v, 0) - (w.prediction - w.base))), 0);
}
