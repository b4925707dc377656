/**
 * Which hidden units a gates view draws: every unit of a small layer, else the `top` units whose
 * hidden state varies most over the window (the ones doing visible work), in unit order.
 */
export const DRAW_ALL_UNITS = 64;
export const TOP_UNITS = 32;

/** `hidden` is [steps, units] row-major. */
export function unitsToDraw(hidden: ArrayLike<number>, steps: number, units: number): { units: number[]; note: string | null } {
  const all = Array.from({ length: units }, (_, j) => j);
  if (units <= DRAW_ALL_UNITS) return { units: all, note: null };
  const variance = all.map((j) => {
    let sum = 0;
    let sumSq = 0;
    for (let t = 0; t < steps; t++) {
      const v = hidden[t * units + j]!;
      sum += v;
      sumSq += v * v;
    }
    const mean = sum / steps;
    return sumSq / steps - mean * mean;
  });
  const chosen = all.sort((a, b) => variance[b]! - variance[a]! || a - b).slice(0, TOP_UNITS).sort((a, b) => a - b);
  return { units: chosen, note: `${units} units: showing the ${TOP_UNITS} whose hidden state varies most over this window` };
}
