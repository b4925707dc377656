// AssemblyScript: the head's loss on raw outputs OUT against Y and dMean/dOUT into DOUT, as
// src/ml/optimization.ts lossFor computes it; the twin of src/ml/fused/heads.ts.
import { DOUT, LOSS, LOSS_LOGISTIC, LOSS_MSE, NQ, O, OUT, TAU, Y, YW } from './state';

/** The loss summed over the first b rows (b * O elements); DOUT gets the gradient of its mean. */
export function headLossSum(b: i32): f64 {
  const n = b * O;
  let sum: f64 = 0;
  if (LOSS == LOSS_MSE) {
    const scale = <f32>2 / <f32>n;
    for (let i = 0; i < n; i++) {
      const o = <usize>i << 2;
      const e = load<f32>(OUT + o) - load<f32>(Y + o);
      sum += <f64>(e * e);
      store<f32>(DOUT + o, e * scale);
    }
    return sum;
  }
  const inv = <f64>(<f32>1 / <f32>n);
  if (LOSS == LOSS_LOGISTIC) {
    for (let i = 0; i < n; i++) {
      const o = <usize>i << 2;
      const z = <f64>load<f32>(OUT + o);
      const label: f64 = load<f32>(Y + o) > 0 ? 1 : 0;
      // Stable form: max(z, 0) - z l + log(1 + exp(-|z|)); its derivative is sigmoid(z) - l.
      sum += max(z, 0) - z * label + Math.log1p(Math.exp(-Math.abs(z)));
      store<f32>(DOUT + o, <f32>((1 / (1 + Math.exp(-z)) - label) * inv));
    }
    return sum;
  }
  for (let s = 0; s < b; s++) {
    for (let h = 0; h < YW; h++) {
      const target = load<f32>(Y + (<usize>(s * YW + h) << 2));
      for (let k = 0; k < NQ; k++) {
        const o = <usize>(s * O + h * NQ + k) << 2;
        const tau = load<f32>(TAU + (<usize>k << 2));
        const tauM1 = tau - <f32>1;
        const e = target - load<f32>(OUT + o);
        // max(e tau, e (tau - 1)); tfjs's maximum sends a tie (e = 0) to the first argument.
        sum += e >= 0 ? <f64>(e * tau) : <f64>(e * tauM1);
        store<f32>(DOUT + o, <f32>(<f64>(e >= 0 ? -tau : -tauM1) * inv));
      }
    }
  }
  return sum;
}
