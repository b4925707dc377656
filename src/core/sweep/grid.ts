import { fromInternal, internalBounds, type Choice, type Dimension, type Params } from './space';

/** The grid values of one dimension: its choices, or `steps` points evenly spaced on its scale (duplicates after rounding dropped). */
export function gridValues(d: Dimension): Choice[] {
  if (d.kind === 'choice') return [...d.values];
  const [lo, hi] = internalBounds(d);
  const values: number[] = [];
  for (let i = 0; i < d.steps; i++) {
    const value = fromInternal(d, lo + ((hi - lo) * i) / (d.steps - 1));
    if (!values.includes(value)) values.push(value);
  }
  return values;
}

export function gridSize(space: readonly Dimension[]): number {
  return space.reduce((n, d) => n * gridValues(d).length, 1);
}

/** Every combination of the dimensions' grid values, the last dimension varying fastest. */
export function gridPoints(space: readonly Dimension[]): Params[] {
  let points: Params[] = [{}];
  for (const d of space) {
    const values = gridValues(d);
    points = points.flatMap((p) => values.map((v) => ({ ...p, [d.name]: v })));
  }
  return points;
}
