/**
 * Standard normal density, CDF and inverse CDF, accurate to about 1e-14 relative (the tests pin
 * them to scipy.stats.norm values).
 */
import { exp, log } from '../math';
const SQRT_2PI = Math.sqrt(2 * Math.PI);

export function normalPdf(x: number): number {
  return exp(-0.5 * x * x) / SQRT_2PI;
}

/**
 * Phi(x). Near the centre, Marsaglia's series 0.5 + phi(x) (x + x^3/3 + x^5/(3*5) + ...);
 * in the tails the continued fraction for the Mills ratio, which keeps relative accuracy where
 * 1 - Phi would cancel.
 */
export function normalCdf(x: number): number {
  if (Number.isNaN(x)) return NaN;
  if (x === Infinity) return 1;
  if (x === -Infinity) return 0;
  if (Math.abs(x) < 3) {
    let term = x;
    let sum = x;
    for (let k = 3; Math.abs(term) > 1e-17 * Math.abs(sum); k += 2) {
      term *= (x * x) / k;
      sum += term;
    }
    return 0.5 + normalPdf(x) * sum;
  }
  const tail = normalPdf(x) * millsRatio(Math.abs(x));
  return x > 0 ? 1 - tail : tail;
}

/** (1 - Phi(z)) / phi(z) for z >= 3 by modified Lentz on z + 1/(z + 2/(z + 3/(z + ...))). */
function millsRatio(z: number): number {
  const tiny = 1e-300;
  let f = z;
  let c = z;
  let d = 0;
  for (let k = 1; k < 500; k++) {
    d = z + k * d;
    d = Math.abs(d) < tiny ? tiny : d;
    c = z + k / c;
    c = Math.abs(c) < tiny ? tiny : c;
    d = 1 / d;
    const delta = c * d;
    f *= delta;
    if (Math.abs(delta - 1) < 1e-16) break;
  }
  return 1 / f;
}

// Acklam's rational approximation (relative error 1.15e-9), refined below by one Halley step.
const A = [-3.969683028665376e1, 2.209460984245205e2, -2.759285104469687e2, 1.38357751867269e2, -3.066479806614716e1, 2.506628277459239];
const B = [-5.447609879822406e1, 1.615858368580409e2, -1.556989798598866e2, 6.680131188771972e1, -1.328068155288572e1];
const C = [-7.784894002430293e-3, -3.223964580411365e-1, -2.400758277161838, -2.549732539343734, 4.374664141464968, 2.938163982698783];
const D = [7.784695709041462e-3, 3.224671290700398e-1, 2.445134137142996, 3.754408661907416];
const P_LOW = 0.02425;

function horner(coefficients: readonly number[], x: number): number {
  let value = 0;
  for (const c of coefficients) value = value * x + c;
  return value;
}

/** Phi^-1(p): Acklam's approximation plus one Halley step on normalCdf. */
export function normalInv(p: number): number {
  if (Number.isNaN(p) || p < 0 || p > 1) throw new Error(`normalInv: p must be in [0, 1], got ${p}`);
  if (p === 0) return -Infinity;
  if (p === 1) return Infinity;
  let x: number;
  if (p < P_LOW) {
    const q = Math.sqrt(-2 * log(p));
    x = horner(C, q) / (horner(D, q) * q + 1);
  } else if (p <= 1 - P_LOW) {
    const q = p - 0.5;
    const r = q * q;
    x = (horner(A, r) * q) / (horner(B, r) * r + 1);
  } else {
    const q = Math.sqrt(-2 * log(1 - p));
    x = -horner(C, q) / (horner(D, q) * q + 1);
  }
  // e = Phi(x) - p; in the upper tail through the survival function, which keeps its digits.
  const e = x > 0 ? 1 - p - normalCdf(-x) : normalCdf(x) - p;
  const u = e * SQRT_2PI * exp(0.5 * x * x);
  return x - u / (1 + 0.5 * x * u);
}
