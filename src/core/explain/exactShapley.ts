/**
 * Exact group Shapley values from the values of all 2^k coalitions (bit g of a coalition's
 * index = group g present): phi_g = sum over S without g of |S|! (k - |S| - 1)! / k! (v(S + g) - v(S)).
 * They add up to v(all) - v(none) by construction (efficiency).
 */

export const MAX_EXACT_GROUPS = 12;

function popcount(mask: number): number {
  let count = 0;
  for (let m = mask; m; m &= m - 1) count++;
  return count;
}

/** Shapley weights by coalition size s = 0..k-1: s! (k - s - 1)! / k!. */
export function shapleyWeights(k: number): Float64Array {
  const weights = new Float64Array(k);
  // s! (k-s-1)! / k! = 1 / (k * C(k-1, s)).
  let binomial = 1;
  for (let s = 0; s < k; s++) {
    weights[s] = 1 / (k * binomial);
    binomial = (binomial * (k - 1 - s)) / (s + 1);
  }
  return weights;
}

export function exactShapley(values: Float64Array, k: number): Float64Array {
  if (values.length !== 2 ** k) throw new Error(`exact Shapley: expected ${2 ** k} coalition values for ${k} groups, got ${values.length}`);
  const weights = shapleyWeights(k);
  const phi = new Float64Array(k);
  for (let mask = 0; mask < values.length; mask++) {
    const size = popcount(mask);
    for (let g = 0; g < k; g++) {
      const bit = 1 << g;
      if (mask & bit) continue;
      phi[g] = phi[g]! + weights[size]! * (values[mask | bit]! - values[mask]!);
    }
  }
  return phi;
}
