/** MLP on the flattened window: Dense(relu) hidden layers with seeded dropout, then Dense(outputs). */
import * as tf from '@tensorflow/tfjs';
import type { MlpSpec } from '../../core/executor';
import { SeededDropout } from './layers';
import { seedStream, type ModelDefinition, type ModelShape } from './types';

export function buildMlp(spec: MlpSpec, shape: ModelShape, seed: number): tf.LayersModel {
  const next = seedStream(seed);
  const model = tf.sequential();
  model.add(tf.layers.flatten({ inputShape: [spec.lookback, shape.features] }));
  for (const units of spec.hidden) {
    model.add(tf.layers.dense({ units, activation: 'relu', kernelInitializer: tf.initializers.heNormal({ seed: next() }) }));
    if (spec.dropout > 0) model.add(new SeededDropout({ rate: spec.dropout, seed: next() }));
  }
  model.add(tf.layers.dense({ units: shape.outputs, kernelInitializer: tf.initializers.glorotUniform({ seed: next() }) }));
  return model;
}

export const mlp: ModelDefinition<MlpSpec> = {
  type: 'mlp',
  trainable: true,
  build: (spec, shape, seed) => ({ kind: 'layers', model: buildMlp(spec, shape, seed) }),
};
