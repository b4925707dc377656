/**
 * Attribution groups over a window's cells ([lookback, features], row-major, lag 0 = the newest
 * row): all lags of a feature, all features at one lag, or feature x lag cells with the old lags
 * pruned into one coalition (TimeSHAP's pruning: attributions of old events are small and many).
 */

export type Grouping = 'feature' | 'lag' | 'featureLag';

export interface AttributionGroup {
  /** The report's name: the feature column (`rsi_14`), `lag 3`, `rsi_14 lag 0`, or `lags 4-29`. */
  name: string;
  /** The feature column, or null when the group spans every feature. */
  feature: string | null;
  /** Lags covered, inclusive (0 = the newest row of the window). */
  lagFrom: number;
  lagTo: number;
  /** Cell indices into the window (position * features + feature). */
  cells: Int32Array;
}

function cellsOf(lookback: number, features: number, keep: (lag: number, feature: number) => boolean): Int32Array {
  const out: number[] = [];
  for (let position = 0; position < lookback; position++) {
    const lag = lookback - 1 - position;
    for (let f = 0; f < features; f++) if (keep(lag, f)) out.push(position * features + f);
  }
  return Int32Array.from(out);
}

/**
 * The groups of a window of `lookback` rows of `names` columns. `recentLags` (featureLag only):
 * lags below it stay one group per feature and lag; lags from it on form one group.
 */
export function attributionGroups(names: readonly string[], lookback: number, grouping: Grouping, recentLags = lookback): AttributionGroup[] {
  const features = names.length;
  if (grouping === 'feature') {
    return names.map((name, f) => ({ name, feature: name, lagFrom: 0, lagTo: lookback - 1, cells: cellsOf(lookback, features, (_, g) => g === f) }));
  }
  if (grouping === 'lag') {
    return Array.from({ length: lookback }, (_, lag) => ({
      name: `lag ${lag}`,
      feature: null,
      lagFrom: lag,
      lagTo: lag,
      cells: cellsOf(lookback, features, (l) => l === lag),
    }));
  }
  const recent = Math.max(1, Math.min(lookback, recentLags));
  const groups: AttributionGroup[] = [];
  for (let lag = 0; lag < recent; lag++) {
    names.forEach((name, f) => groups.push({ name: `${name} lag ${lag}`, feature: name, lagFrom: lag, lagTo: lag, cells: cellsOf(lookback, features, (l, g) => l === lag && g === f) }));
  }
  if (recent < lookback) {
    groups.push({ name: `lags ${recent}-${lookback - 1}`, feature: null, lagFrom: recent, lagTo: lookback - 1, cells: cellsOf(lookback, features, (l) => l >= recent) });
  }
  return groups;
}

/** For each cell of the window, the index of the group holding it. */
export function groupOfCell(groups: readonly AttributionGroup[], cellCount: number): Int32Array {
  const owner = new Int32Array(cellCount).fill(-1);
  groups.forEach((group, g) => {
    for (const cell of group.cells) owner[cell] = g;
  });
  const orphan = owner.indexOf(-1);
  if (orphan >= 0) throw new Error(`attribution groups: cell ${orphan} of the window belongs to no group`);
  return owner;
}
