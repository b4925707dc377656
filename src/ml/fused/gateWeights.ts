/** The first recurrent layer's weights, read from a saved model's tfjs artifacts (weight specs + one buffer). */
import type * as tf from '@tensorflow/tfjs';
import type { RecurrentWeights } from './gates';

const BYTES: Record<string, number> = { float32: 4, int32: 4 };

export function firstRecurrentWeights(artifacts: tf.io.ModelArtifacts, features: number, units: number, gatesPerUnit: number): RecurrentWeights {
  const specs = artifacts.weightSpecs ?? [];
  const data = artifacts.weightData;
  const buffer = data instanceof ArrayBuffer ? data : Array.isArray(data) && data.length === 1 ? data[0]! : null;
  if (!buffer) throw new Error('saved model: its weights are not one buffer; save it again');
  const G = gatesPerUnit * units;
  let offset = 0;
  const found: Partial<Record<keyof RecurrentWeights, Float32Array>> = {};
  for (const spec of specs) {
    const count = spec.shape.reduce((a, b) => a * b, 1);
    const bytes = count * (BYTES[spec.dtype ?? 'float32'] ?? 4);
    const read = () => {
      if (spec.dtype && spec.dtype !== 'float32') throw new Error(`saved model: weight "${spec.name}" is ${spec.dtype}, expected float32`);
      return new Float32Array(buffer.slice(offset, offset + bytes));
    };
    const dims = spec.shape.join('x');
    if (!found.kernel && spec.name.endsWith('/kernel') && dims === `${features}x${G}`) found.kernel = read();
    else if (found.kernel && !found.recurrentKernel && spec.name.endsWith('/recurrent_kernel') && dims === `${units}x${G}`) found.recurrentKernel = read();
    else if (found.recurrentKernel && !found.bias && spec.name.endsWith('/bias') && dims === `${G}`) found.bias = read();
    offset += bytes;
  }
  if (!found.kernel || !found.recurrentKernel || !found.bias) {
    throw new Error(`saved model: no recurrent layer of ${units} units over ${features} features among its weights (${specs.map((s) => s.name).join(', ')})`);
  }
  return { kernel: found.kernel, recurrentKernel: found.recurrentKernel, bias: found.bias };
}
