import type { Rng } from '../rng';
import { fromInternal, internalBounds, type Dimension, type Params } from './space';

/** One uniform draw: a choice with equal odds, a range uniform on its scale. */
export function randomPoint(space: readonly Dimension[], rng: Rng): Params {
  const params: Params = {};
  for (const d of space) {
    if (d.kind === 'choice') params[d.name] = d.values[rng.int(d.values.length)]!;
    else {
      const [lo, hi] = internalBounds(d);
      params[d.name] = fromInternal(d, lo + (hi - lo) * rng.next());
    }
  }
  return params;
}
