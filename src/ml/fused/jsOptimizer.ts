/**
 * Gradient clipping and the optimizers of the JS fused engine, the twin of asm/optimizer.ts:
 * Adam's arithmetic is rounded to float32 per operation like tfjs.
 */
import type { StepOptions } from './engine';

const f = Math.fround;

export interface JsOptimizer {
  /** Clips grads in place to the global norm (undefined: none). False: not finite, skip the step. */
  clip(clipNorm: number | undefined): boolean;
  update(o: StepOptions): void;
  reset(beta1: number, beta2: number): void;
}

/** params, grads and the two Adam moments are `n`-float views. */
export function createJsOptimizer(params: Float32Array, grads: Float32Array, m1: Float32Array, m2: Float32Array): JsOptimizer {
  const n = params.length;
  let accBeta1 = f(0.9);
  let accBeta2 = f(0.999);

  const adam = (o: StepOptions): void => {
    const b1 = f(o.beta1);
    const b2 = f(o.beta2);
    const omb1 = f(1 - o.beta1);
    const omb2 = f(1 - o.beta2);
    const c1 = f(1 - accBeta1);
    const c2 = f(1 - accBeta2);
    const eps = f(o.epsilon);
    const negLr = f(-o.learningRate);
    for (let i = 0; i < n; i++) {
      const g = grads[i]!;
      const m = f(f(m1[i]! * b1) + f(g * omb1));
      const v = f(f(m2[i]! * b2) + f(f(g * g) * omb2));
      m1[i] = m;
      m2[i] = v;
      const step = f(f(f(m / c1) / f(f(Math.sqrt(f(v / c2))) + eps)) * negLr);
      params[i] = step + params[i]!;
    }
    accBeta1 = f(accBeta1 * b1);
    accBeta2 = f(accBeta2 * b2);
  };

  return {
    clip(clipNorm) {
      let peak = 0;
      for (let i = 0; i < n; i++) peak = Math.max(peak, Math.abs(grads[i]!));
      const safe = Math.max(peak, 1e-30);
      let sumSq = 0;
      for (let i = 0; i < n; i++) sumSq += (grads[i]! / safe) ** 2;
      const norm = peak * Math.sqrt(sumSq);
      if (!Number.isFinite(norm)) return false;
      if (clipNorm !== undefined && norm > clipNorm) {
        const scale = f(clipNorm / norm);
        for (let i = 0; i < n; i++) grads[i] = grads[i]! * scale;
      }
      return true;
    },
    update(o) {
      if (o.optimizer === 'adam') return adam(o);
      const negLr = f(-o.learningRate);
      for (let i = 0; i < n; i++) params[i] = f(grads[i]! * negLr) + params[i]!;
    },
    reset(beta1, beta2) {
      accBeta1 = f(beta1);
      accBeta2 = f(beta2);
      m1.fill(0);
      m2.fill(0);
    },
  };
}
