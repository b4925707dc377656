/**
 * Sliding windows for sequence models: sample t holds feature rows t-lookback+1 .. t and the
 * targets target[t .. t+horizon-1]. Samples touching a NaN (missing) or running past the data
 * are skipped, never filled; an infinite value is an error naming its column and row, because it
 * is a wrong number (a zero price's log return), not a missing one.
 */
import type { WindowedData } from './executor';

export interface Windows {
  /** [n, lookback, features], row-major. */
  x: Float32Array;
  /** [n, horizon]. */
  y: Float32Array;
  n: number;
  lookback: number;
  features: number;
  horizon: number;
  /** The row t each sample predicts from. */
  rows: Int32Array;
}

export interface WindowNames {
  /** Feature names, in column order, for error messages. */
  features?: readonly string[];
  target?: string;
}

function checkFinite(values: Float64Array, from: number, to: number, what: string): void {
  for (let i = Math.max(0, from); i < Math.min(values.length, to); i++) {
    const v = values[i]!;
    if (v === Infinity || v === -Infinity) {
      throw new Error(`buildWindows: ${what} is ${v} at row ${i}: a zero, negative or non-finite price upstream; the cleaning report flags it, fix the data before training`);
    }
  }
}

export function buildWindows(
  features: Float64Array[],
  target: Float64Array,
  rowStart: number,
  rowEnd: number,
  lookback: number,
  horizon = 1,
  names: WindowNames = {},
): Windows {
  const length = target.length;
  if (!Number.isInteger(lookback) || lookback < 1) throw new Error(`buildWindows: lookback must be an integer >= 1, got ${lookback}`);
  if (!Number.isInteger(horizon) || horizon < 1) throw new Error(`buildWindows: horizon must be an integer >= 1, got ${horizon}`);
  if (features.length === 0) throw new Error('buildWindows: give at least one feature column');
  features.forEach((f, i) => {
    if (f.length !== length) throw new Error(`buildWindows: feature ${i} has ${f.length} rows, target has ${length}: align them first`);
  });
  if (!Number.isInteger(rowStart) || !Number.isInteger(rowEnd) || rowStart < 0 || rowEnd < rowStart || rowEnd > length) {
    throw new Error(`buildWindows: rows [${rowStart}, ${rowEnd}) must lie inside 0..${length}`);
  }

  const from = rowStart - lookback + 1;
  features.forEach((f, c) => checkFinite(f, from, rowEnd, `feature "${names.features?.[c] ?? c}"`));
  checkFinite(target, rowStart, rowEnd + horizon - 1, `target "${names.target ?? 'target'}"`);

  // badBefore[i] = number of rows < i holding a NaN feature, so a window's NaN test is O(1).
  const badBefore = new Int32Array(length + 1);
  for (let i = 0; i < length; i++) {
    let bad = 0;
    for (const f of features) if (Number.isNaN(f[i]!)) bad = 1;
    badBefore[i + 1] = badBefore[i]! + bad;
  }
  const rows: number[] = [];
  for (let t = Math.max(rowStart, lookback - 1); t < rowEnd; t++) {
    if (t + horizon > length) break;
    if (badBefore[t + 1]! - badBefore[t + 1 - lookback]! > 0) continue;
    let targetOk = true;
    for (let j = 0; j < horizon; j++) if (Number.isNaN(target[t + j]!)) targetOk = false;
    if (targetOk) rows.push(t);
  }

  const n = rows.length;
  const width = features.length;
  const x = new Float32Array(n * lookback * width);
  const y = new Float32Array(n * horizon);
  rows.forEach((t, s) => {
    let k = s * lookback * width;
    for (let r = t - lookback + 1; r <= t; r++) {
      for (const f of features) x[k++] = f[r]!;
    }
    for (let j = 0; j < horizon; j++) y[s * horizon + j] = target[t + j]!;
  });
  return { x, y, n, lookback, features: width, horizon, rows: Int32Array.from(rows) };
}

/** The windows as the executor takes them (without the row index). */
export function toWindowedData(w: Windows): WindowedData {
  return { x: w.x, y: w.y, n: w.n, lookback: w.lookback, features: w.features, horizon: w.horizon };
}
