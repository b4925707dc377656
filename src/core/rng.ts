/**
 * Seeded pseudo-random numbers (mulberry32). Pure 32-bit integer arithmetic through Math.imul,
 * and normals through the deterministic log/sin/cos of ./math, so the same seed gives the same
 * stream in Node and every browser.
 */
import { cos, log, sin } from './math';

export interface Rng {
  /** Uniform in [0, 1). */
  next(): number;
  /** Standard normal N(0, 1), Box-Muller. */
  normal(): number;
  /** Uniform integer in 0..n-1. */
  int(n: number): number;
}

export function createRng(seed: number): Rng {
  if (!Number.isFinite(seed)) throw new Error(`createRng: seed must be a finite number, got ${seed}`);
  let state = seed >>> 0;
  // Box-Muller yields two normals per pair of uniforms; keep the second for the next call.
  let spare = NaN;

  const next = (): number => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };

  const normal = (): number => {
    if (!Number.isNaN(spare)) {
      const value = spare;
      spare = NaN;
      return value;
    }
    // 1 - next() is in (0, 1], so the log never sees 0.
    const u1 = 1 - next();
    const u2 = next();
    const radius = Math.sqrt(-2 * log(u1));
    spare = radius * sin(2 * Math.PI * u2);
    return radius * cos(2 * Math.PI * u2);
  };

  const int = (n: number): number => {
    if (!Number.isInteger(n) || n < 1) throw new Error(`rng.int: n must be an integer >= 1, got ${n}`);
    return Math.floor(next() * n);
  };

  return { next, normal, int };
}

/** Fisher-Yates shuffle, in place. */
export function shuffleInPlace<T>(items: T[] | Int32Array, rng: Rng): void {
  for (let i = items.length - 1; i > 0; i--) {
    const j = rng.int(i + 1);
    const tmp = items[i]!;
    items[i] = items[j]!;
    items[j] = tmp;
  }
}
