/**
 * Interventional masking: a coalition's window keeps the explained window's values in the
 * groups it holds and takes a background window's values everywhere else. One coalition yields
 * one masked row per background window; the model's mean over them is the coalition's value.
 */

export interface Background {
  /** [n, lookback * features] windows from the fold's training period. */
  x: Float32Array;
  n: number;
}

/**
 * Writes the masked rows of `coalitions` (each a 0/1 membership per group) for `window` into
 * `out`, coalition-major then background row: out row c * bg.n + b.
 */
export function fillCoalitions(out: Float32Array, window: Float32Array, background: Background, owner: Int32Array, coalitions: readonly Uint8Array[]): void {
  const width = window.length;
  if (owner.length !== width) throw new Error(`masking: the window has ${width} cells but the groups cover ${owner.length}`);
  if (out.length < coalitions.length * background.n * width) throw new Error('masking: the output buffer is too small');
  const take = new Uint8Array(width);
  coalitions.forEach((members, c) => {
    for (let cell = 0; cell < width; cell++) take[cell] = members[owner[cell]!]!;
    for (let b = 0; b < background.n; b++) {
      const row = (c * background.n + b) * width;
      const bgRow = b * width;
      for (let cell = 0; cell < width; cell++) out[row + cell] = take[cell] ? window[cell]! : background.x[bgRow + cell]!;
    }
  });
}

/** A coalition as a membership array from the bits of `mask` (exact enumeration, k <= 30). */
export function coalitionFromMask(mask: number, k: number): Uint8Array {
  const members = new Uint8Array(k);
  for (let g = 0; g < k; g++) members[g] = (mask >>> g) & 1;
  return members;
}
