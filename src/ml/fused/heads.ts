/**
 * The head losses of the fused engines on raw outputs, as optimization.ts lossFor computes them;
 * the twin of asm/head.ts. Used by the JS engine's training step and by fusedTrainer's
 * validation loss (the same loss for both engines).
 */
import type { HeadLoss } from './engine';
import { exp, log1p } from '../../core/math';

const f = Math.fround;

/**
 * Sum of the loss over out[b, outputs] against y[b, outputs / perY] (the caller divides by the
 * element count for the mean). When dOut is given, writes dMean/dout there: the gradient of the
 * mean over these b * outputs elements.
 */
export function headLossSum(loss: HeadLoss, out: Float32Array, y: Float32Array, b: number, outputs: number, dOut?: Float32Array): number {
  const n = b * outputs;
  let sum = 0;
  if (loss.kind === 'mse') {
    const scale = f(2 / n);
    for (let i = 0; i < n; i++) {
      const e = f(out[i]! - y[i]!);
      sum += e * e;
      if (dOut) dOut[i] = e * scale;
    }
    return sum;
  }
  const inv = f(1 / n);
  if (loss.kind === 'logistic') {
    for (let i = 0; i < n; i++) {
      const z = out[i]!;
      const label = y[i]! > 0 ? 1 : 0;
      // Stable form: max(z, 0) - z l + log(1 + exp(-|z|)); its derivative is sigmoid(z) - l.
      sum += Math.max(z, 0) - z * label + log1p(exp(-Math.abs(z)));
      if (dOut) dOut[i] = (1 / (1 + exp(-z)) - label) * inv;
    }
    return sum;
  }
  const taus = loss.quantiles.map(f);
  const nq = taus.length;
  const yw = outputs / nq;
  for (let s = 0; s < b; s++) {
    for (let h = 0; h < yw; h++) {
      const target = y[s * yw + h]!;
      for (let k = 0; k < nq; k++) {
        const o = s * outputs + h * nq + k;
        const tau = taus[k]!;
        const tauM1 = f(tau - 1);
        const e = f(target - out[o]!);
        // max(e tau, e (tau - 1)); tfjs's maximum sends a tie (e = 0) to the first argument.
        sum += e >= 0 ? f(e * tau) : f(e * tauM1);
        if (dOut) dOut[o] = (e >= 0 ? -tau : -tauM1) * inv;
      }
    }
  }
  return sum;
}
