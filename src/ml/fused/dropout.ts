/**
 * Inverted-dropout masks between stacked layers for the fused engines, drawn in JS from the
 * seeded RNG (same seed, same masks, same weights). tfjs's SeededDropout draws its masks from
 * tf.randomUniform, so fused and tfjs training with dropout agree in distribution, not bitwise.
 */
import type { Rng } from '../../core/rng';
import type { FusedEngine } from './engine';

/**
 * Fresh masks for the first b rows of every layer slab of engine.mask(): a unit is kept when
 * uniform >= rate (as tfjs dropout) and then scaled by 1 / (1 - rate). No-op without dropout.
 */
export function fillDropoutMasks(engine: FusedEngine, b: number, rng: Rng): void {
  const mask = engine.mask();
  if (mask.length === 0) return;
  const { maxBatch, lookback, units, dropout = 0 } = engine.shape;
  const slab = maxBatch * lookback * units;
  const used = b * lookback * units;
  const keep = Math.fround(1 / (1 - dropout));
  for (let at = 0; at < mask.length; at += slab) {
    for (let i = at, end = at + used; i < end; i++) mask[i] = rng.next() >= dropout ? keep : 0;
  }
}
