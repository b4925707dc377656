/**
 * Which numbers of a run report are the same bits in every runtime (Node, Chromium, Firefox...)
 * and which depend on the backend. Everything computed in TypeScript is exact-reproducible (IEEE
 * arithmetic plus src/core/math's deterministic transcendentals): the data and its hash, the
 * baselines, buy-and-hold. A model trained by the fused engines (wasm SIMD or JS) or in closed form
 * is too, so then every number is. tfjs layers and the WebGPU kernels use the backend's own
 * kernels (GPU reductions, XNNPACK, tfjs-cpu's Math.exp): their forecasts and everything computed
 * from them differ in the last digits between backends and runtimes.
 */
import { z } from 'zod';
import type { FoldReport } from './report';

export const reproducibilitySchema = z.object({
  /** Report fields whose numbers depend on the backend and runtime; empty: every number is exact-reproducible. */
  backendDependent: z.array(z.string()),
  sentence: z.string(),
});
export type Reproducibility = z.infer<typeof reproducibilitySchema>;

/** Engines whose arithmetic is this app's own (fused wasm/JS, closed form): the same bits everywhere. */
const DETERMINISTIC_ENGINE = /^(fused wasm SIMD|fused JS|closed form)/;

/** Fields computed from the model's forecasts (present or not in a given report). */
const FROM_FORECASTS = ['metrics', 'folds[].metrics', 'folds[].finalLoss', 'byStep', 'backtest.strategy', 'tests', 'diagnostics', 'explain'];

export function reproducibilityOf(folds: readonly Pick<FoldReport, 'engine' | 'index'>[], present: { byStep: boolean; diagnostics: boolean; explain: boolean }): Reproducibility {
  const other = folds.filter((f) => f.engine !== null && !DETERMINISTIC_ENGINE.test(f.engine));
  if (other.length === 0) {
    return { backendDependent: [], sentence: 'Every number is the same bits on every backend and in every runtime (Node, any browser): TypeScript with deterministic math, and the fused or closed-form engine.' };
  }
  const backendDependent = FROM_FORECASTS.filter((field) => (field === 'byStep' ? present.byStep : field === 'diagnostics' ? present.diagnostics : field === 'explain' ? present.explain : true));
  const engines = [...new Set(other.map((f) => f.engine))].join(', ');
  return {
    backendDependent,
    sentence: `The model's forecasts come from ${engines}, whose kernels belong to the backend: ${backendDependent.join(', ')} differ in the last digits between backends and runtimes. The data, its hash, the baselines and buy-and-hold are the same bits everywhere.`,
  };
}
