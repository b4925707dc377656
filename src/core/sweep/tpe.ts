/**
 * Tree-structured Parzen estimator (Bergstra et al. 2011), independent per dimension as in
 * Optuna's default sampler: the finished trials are split into the best `gamma` fraction (good)
 * and the rest (bad); each side becomes a Parzen density per dimension (a truncated Gaussian at
 * every observation, plus a prior over the whole range); candidates are drawn from the good
 * density and the one with the largest ratio l(x) / g(x), the expected-improvement criterion, wins.
 */
import { normalCdf } from '../metrics/normal';
import type { Rng } from '../rng';
import { randomPoint } from './random';
import { fromInternal, internalBounds, toInternal, type Choice, type ChoiceDimension, type Dimension, type Observation, type Params, type RangeDimension } from './space';
import { exp, log } from '../math';

export interface TpeOptions {
  /** Trials drawn at random before the model is used. */
  startup: number;
  /** Fraction of finished trials that count as good. */
  gamma: number;
  /** Candidates drawn from the good density per suggestion. */
  candidates: number;
}

export const TPE_DEFAULTS: TpeOptions = { startup: 8, gamma: 0.2, candidates: 24 };

interface Parzen {
  mus: number[];
  sigmas: number[];
  lo: number;
  hi: number;
}

/** Bandwidth of each point: the larger gap to its sorted neighbours (the bounds count), clipped (Bergstra's rule). */
function parzen(points: readonly number[], lo: number, hi: number): Parzen {
  const width = hi - lo;
  const mus = [...points, (lo + hi) / 2];
  const order = points.map((_, i) => i).sort((a, b) => points[a]! - points[b]!);
  const sigmas = new Array<number>(mus.length).fill(width);
  const minSigma = width / Math.min(100, 1 + points.length);
  order.forEach((index, rank) => {
    const left = rank === 0 ? lo : points[order[rank - 1]!]!;
    const right = rank === order.length - 1 ? hi : points[order[rank + 1]!]!;
    const x = points[index]!;
    sigmas[index] = Math.min(width, Math.max(minSigma, x - left, right - x));
  });
  return { mus, sigmas, lo, hi };
}

function logDensity(p: Parzen, x: number): number {
  let sum = 0;
  for (let i = 0; i < p.mus.length; i++) {
    const mu = p.mus[i]!;
    const sigma = p.sigmas[i]!;
    const mass = normalCdf((p.hi - mu) / sigma) - normalCdf((p.lo - mu) / sigma);
    const z = (x - mu) / sigma;
    sum += exp(-0.5 * z * z) / (sigma * Math.sqrt(2 * Math.PI) * Math.max(mass, 1e-12));
  }
  return log(sum / p.mus.length + 1e-300);
}

function sampleParzen(p: Parzen, rng: Rng): number {
  const i = rng.int(p.mus.length);
  for (let attempt = 0; attempt < 64; attempt++) {
    const x = p.mus[i]! + p.sigmas[i]! * rng.normal();
    if (x >= p.lo && x <= p.hi) return x;
  }
  return Math.min(p.hi, Math.max(p.lo, p.mus[i]!));
}

/** Choice weights: counts of each value among the observations, plus one prior count spread evenly. */
function choiceWeights(d: ChoiceDimension, observed: readonly Choice[]): number[] {
  const weights = d.values.map(() => 1 / d.values.length);
  for (const value of observed) {
    const index = d.values.indexOf(value);
    if (index >= 0) weights[index]! += 1;
  }
  const total = weights.reduce((a, b) => a + b, 0);
  return weights.map((w) => w / total);
}

function pick(weights: readonly number[], rng: Rng): number {
  let u = rng.next();
  for (let i = 0; i < weights.length; i++) {
    u -= weights[i]!;
    if (u < 0) return i;
  }
  return weights.length - 1;
}

/** Per dimension: draw `count` values from the good density, and each one's log l(x) - log g(x). */
function dimensionCandidates(d: Dimension, good: readonly Params[], bad: readonly Params[], count: number, rng: Rng): { values: Choice[]; ratios: number[] } {
  if (d.kind === 'choice') {
    const l = choiceWeights(d, good.map((p) => p[d.name]!));
    const g = choiceWeights(d, bad.map((p) => p[d.name]!));
    const indices = Array.from({ length: count }, () => pick(l, rng));
    return { values: indices.map((i) => d.values[i]!), ratios: indices.map((i) => log(l[i]!) - log(g[i]!)) };
  }
  const range: RangeDimension = d;
  const [lo, hi] = internalBounds(range);
  const internal = (ps: readonly Params[]) => ps.map((p) => toInternal(range, Number(p[d.name])));
  const l = parzen(internal(good), lo, hi);
  const g = parzen(internal(bad), lo, hi);
  const xs = Array.from({ length: count }, () => sampleParzen(l, rng));
  return { values: xs.map((x) => fromInternal(range, x)), ratios: xs.map((x) => logDensity(l, x) - logDensity(g, x)) };
}

/** The next configuration to try, from the finished ones (random until `startup` of them exist). */
export function suggestTpe(space: readonly Dimension[], history: readonly Observation[], rng: Rng, options: TpeOptions = TPE_DEFAULTS): Params {
  if (history.length < options.startup) return randomPoint(space, rng);
  const ranked = [...history].sort((a, b) => (Number.isNaN(b.score) ? -Infinity : b.score) - (Number.isNaN(a.score) ? -Infinity : a.score));
  const goodCount = Math.max(1, Math.ceil(options.gamma * ranked.length));
  const good = ranked.slice(0, goodCount).map((o) => o.params);
  const bad = ranked.slice(goodCount).map((o) => o.params);
  const perDimension = space.map((d) => dimensionCandidates(d, good, bad, options.candidates, rng));
  let best = 0;
  let bestRatio = -Infinity;
  for (let c = 0; c < options.candidates; c++) {
    const ratio = perDimension.reduce((sum, dim) => sum + dim.ratios[c]!, 0);
    if (ratio > bestRatio) {
      bestRatio = ratio;
      best = c;
    }
  }
  const params: Params = {};
  space.forEach((d, i) => (params[d.name] = perDimension[i]!.values[best]!));
  return params;
}
