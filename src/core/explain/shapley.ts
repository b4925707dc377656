/**
 * Group Shapley values of one window, model-agnostic (any batched predict): exact over all 2^k
 * coalitions for k <= MAX_EXACT_GROUPS, Kernel SHAP beyond. The base is the model's mean over the
 * background (computed once per background: backgroundBase), the prediction the model on the
 * window itself.
 */
import { coalitionValues, type BatchPredict, type ValueOptions } from './coalitionValues';
import { exactShapley, MAX_EXACT_GROUPS } from './exactShapley';
import { BATCHES, kernelShap, sampleCoalitionPairs } from './kernelShap';
import { coalitionFromMask, type Background } from './masking';

export interface ShapleyOptions extends ValueOptions {
  /** Kernel SHAP's coalition budget (paired: rounded up to a multiple of 2 * BATCHES). */
  coalitions: number;
  seed: number;
  /** Force Kernel SHAP even when exact enumeration is possible (tests compare the two). */
  forceKernel?: boolean;
}

export interface WindowShapley {
  base: number;
  prediction: number;
  values: Float64Array;
  method: 'exact' | 'kernel';
  /** Coalitions sent through the model (each against the whole background). */
  coalitions: number;
  /** Kernel SHAP only. */
  standardError?: Float64Array;
}

export function usesExact(k: number, forceKernel = false): boolean {
  return k <= MAX_EXACT_GROUPS && !forceKernel;
}

/** The paired coalition count Kernel SHAP uses for a requested budget. */
export function kernelCoalitionCount(requested: number): number {
  const unit = 2 * BATCHES;
  return Math.max(unit, Math.ceil(requested / unit) * unit);
}

export async function windowShapley(
  predict: BatchPredict,
  window: Float32Array,
  background: Background,
  owner: Int32Array,
  k: number,
  base: number,
  options: ShapleyOptions,
): Promise<WindowShapley> {
  const single = await predict(window.slice(), 1);
  const prediction = single[0]!;
  if (usesExact(k, options.forceKernel)) {
    // v(none) is the base and v(all) the prediction: only the 2^k - 2 others go through the model.
    const inner = Array.from({ length: 2 ** k - 2 }, (_, i) => coalitionFromMask(i + 1, k));
    const innerValues = await coalitionValues(predict, window, background, owner, inner, options);
    const values = new Float64Array(2 ** k);
    values[0] = base;
    values.set(innerValues, 1);
    values[2 ** k - 1] = prediction;
    return { base, prediction, values: exactShapley(values, k), method: 'exact', coalitions: inner.length };
  }
  const count = kernelCoalitionCount(options.coalitions);
  const coalitions = sampleCoalitionPairs(k, count / 2, options.seed);
  const values = await coalitionValues(predict, window, background, owner, coalitions, options);
  const result = kernelShap(coalitions, values, base, prediction, k);
  return { base, prediction, values: result.values, method: 'kernel', coalitions: count, standardError: result.standardError };
}
