// AssemblyScript: gradient clipping by global norm and the optimizers, exactly as tfjs computes
// them in float32 (Adam: epsilon, bias correction through accumulated beta powers, same op order).
import { GR, MOM1, MOM2, P, nParams } from './state';

let accBeta1: f32 = 0;
let accBeta2: f32 = 0;
export let lastNorm: f64 = 0;

export function resetAdam(beta1: f64, beta2: f64): void {
  accBeta1 = <f32>beta1;
  accBeta2 = <f32>beta2;
  memory.fill(MOM1, 0, <usize>nParams << 2);
  memory.fill(MOM2, 0, <usize>nParams << 2);
}

/**
 * Global L2 norm as peak * sqrt(sum((g / peak)^2)) (no float32 overflow), then scales the
 * gradients to clipNorm when above it (clipNorm <= 0: no clipping). False: not finite, skip.
 */
export function clipGradients(clipNorm: f64): bool {
  let peak: f64 = 0;
  for (let i = 0; i < nParams; i++) peak = max(peak, <f64>Mathf.abs(load<f32>(GR + (<usize>i << 2))));
  const safe = max(peak, 1e-30);
  let sumSq: f64 = 0;
  for (let i = 0; i < nParams; i++) {
    const v = <f64>load<f32>(GR + (<usize>i << 2)) / safe;
    sumSq += v * v;
  }
  const norm = peak * Math.sqrt(sumSq);
  lastNorm = norm;
  if (!isFinite(norm)) return false;
  if (clipNorm > 0 && norm > clipNorm) {
    const scale = f32x4.splat(<f32>(clipNorm / norm));
    const n4 = nParams & ~3;
    let i = 0;
    for (; i < n4; i += 4) {
      const p = GR + (<usize>i << 2);
      v128.store(p, f32x4.mul(v128.load(p), scale));
    }
    for (; i < nParams; i++) {
      const p = GR + (<usize>i << 2);
      store<f32>(p, load<f32>(p) * <f32>(clipNorm / norm));
    }
  }
  return true;
}

export function adamStep(lr: f64, beta1: f64, beta2: f64, epsilon: f64): void {
  const b1 = f32x4.splat(<f32>beta1);
  const b2 = f32x4.splat(<f32>beta2);
  const omb1 = f32x4.splat(<f32>(1 - beta1));
  const omb2 = f32x4.splat(<f32>(1 - beta2));
  const c1 = f32x4.splat(<f32>1 - accBeta1);
  const c2 = f32x4.splat(<f32>1 - accBeta2);
  const eps = f32x4.splat(<f32>epsilon);
  const negLr = f32x4.splat(<f32>-lr);
  const n4 = nParams & ~3;
  let i = 0;
  for (; i < n4; i += 4) {
    const o = <usize>i << 2;
    const g = v128.load(GR + o);
    const m = f32x4.add(f32x4.mul(v128.load(MOM1 + o), b1), f32x4.mul(g, omb1));
    const v = f32x4.add(f32x4.mul(v128.load(MOM2 + o), b2), f32x4.mul(f32x4.mul(g, g), omb2));
    v128.store(MOM1 + o, m);
    v128.store(MOM2 + o, v);
    const mHat = f32x4.div(m, c1);
    const vHat = f32x4.div(v, c2);
    const step = f32x4.mul(f32x4.div(mHat, f32x4.add(f32x4.sqrt(vHat), eps)), negLr);
    v128.store(P + o, f32x4.add(step, v128.load(P + o)));
  }
  for (; i < nParams; i++) {
    const o = <usize>i << 2;
    const g = load<f32>(GR + o);
    const m = load<f32>(MOM1 + o) * <f32>beta1 + g * <f32>(1 - beta1);
    const v = load<f32>(MOM2 + o) * <f32>beta2 + g * g * <f32>(1 - beta2);
    store<f32>(MOM1 + o, m);
    store<f32>(MOM2 + o, v);
    const step = (m / (<f32>1 - accBeta1) / (Mathf.sqrt(v / (<f32>1 - accBeta2)) + <f32>epsilon)) * <f32>-lr;
    store<f32>(P + o, step + load<f32>(P + o));
  }
  accBeta1 = accBeta1 * <f32>beta1;
  accBeta2 = accBeta2 * <f32>beta2;
}

/** tfjs SGD: p = (-lr) * g + p. */
export function sgdStep(lr: f64): void {
  const negLr = <f32>-lr;
  for (let i = 0; i < nParams; i++) {
    const o = <usize>i << 2;
    store<f32>(P + o, load<f32>(GR + o) * negLr + load<f32>(P + o));
  }
}
