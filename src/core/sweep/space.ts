/**
 * A search space: named dimensions, each a list of choices or a numeric range on a linear or log
 * scale. Samplers work on a range in its "internal" coordinate (log of the value on a log scale),
 * so a learning rate is searched evenly across decades.
 */
import { exp, log } from '../math';
export type Choice = number | string | boolean;
export type Params = Record<string, Choice>;

export interface ChoiceDimension {
  name: string;
  kind: 'choice';
  values: readonly Choice[];
}
export interface RangeDimension {
  name: string;
  kind: 'range';
  min: number;
  max: number;
  scale: 'linear' | 'log';
  integer: boolean;
  /** Grid points from min to max. */
  steps: number;
}
export type Dimension = ChoiceDimension | RangeDimension;

/** A finished trial as the samplers see it: larger `score` is better (NaN: failed, ranks last). */
export interface Observation {
  params: Params;
  score: number;
}

export function internalBounds(d: RangeDimension): [number, number] {
  return d.scale === 'log' ? [log(d.min), log(d.max)] : [d.min, d.max];
}

export function toInternal(d: RangeDimension, value: number): number {
  return d.scale === 'log' ? log(value) : value;
}

/** The value of internal coordinate `u`, clamped to the range and rounded for integer ranges. */
export function fromInternal(d: RangeDimension, u: number): number {
  const raw = d.scale === 'log' ? exp(u) : u;
  const clamped = Math.min(d.max, Math.max(d.min, raw));
  if (!d.integer) return clamped;
  const rounded = Math.round(clamped);
  return Math.min(Math.floor(d.max), Math.max(Math.ceil(d.min), rounded));
}

/** Deterministic text of a params object (dimension order), to recognise a configuration already tried. */
export function paramsKey(space: readonly Dimension[], params: Params): string {
  return JSON.stringify(space.map((d) => params[d.name] ?? null));
}
