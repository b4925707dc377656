/**
 * Input gradients of a tfjs layers model by tf.grad (MLP, CNN-LSTM, attention, and the reference
 * for the fused engines): every tensor made here is disposed here.
 */
import * as tf from '@tensorflow/tfjs';

export interface GradientTarget {
  /** Column of the model's output row to differentiate. */
  output: number;
  /** Differentiate sigmoid(output) (a direction target's probability) instead of the raw value. */
  probability: boolean;
}

/** d f(x_r) / dx_r for `rows` windows [rows, lookback, features]: one tf.grad call. */
export async function layersInputGradients(
  model: tf.LayersModel,
  x: Float32Array,
  rows: number,
  lookback: number,
  features: number,
  target: GradientTarget,
): Promise<Float32Array> {
  const grad = tf.tidy(() => {
    const f = (xin: tf.Tensor): tf.Scalar => {
      const raw = model.apply(xin, { training: false }) as tf.Tensor2D;
      const column = raw.slice([0, target.output], [rows, 1]);
      return (target.probability ? tf.sigmoid(column) : column).sum();
    };
    return tf.grad(f)(tf.tensor3d(x, [rows, lookback, features]));
  });
  try {
    // data() may hand back the backend's own buffer on cpu: copy before the tensor goes.
    return Float32Array.from(await grad.data());
  } finally {
    grad.dispose();
  }
}
