/**
 * CNN-LSTM: Conv1D(filters, kernelSize, relu, 'same' padding) extracts local patterns over
 * time (the window holds only the past, so 'same' padding sees no future), then LSTM(units)
 * summarises the sequence and a dense head maps to the outputs.
 */
import * as tf from '@tensorflow/tfjs';
import type { CnnLstmSpec } from '../../core/executor';
import { seedStream, type ModelDefinition, type ModelShape } from './types';

export function buildCnnLstm(spec: CnnLstmSpec, shape: ModelShape, seed: number): tf.LayersModel {
  const next = seedStream(seed);
  const model = tf.sequential();
  model.add(
    tf.layers.conv1d({
      inputShape: [spec.lookback, shape.features],
      filters: spec.filters,
      kernelSize: spec.kernelSize,
      padding: 'same',
      activation: 'relu',
      kernelInitializer: tf.initializers.heNormal({ seed: next() }),
    }),
  );
  model.add(
    tf.layers.lstm({
      units: spec.units,
      recurrentActivation: spec.recurrentActivation,
      kernelInitializer: tf.initializers.glorotUniform({ seed: next() }),
      recurrentInitializer: tf.initializers.orthogonal({ seed: next() }),
    }),
  );
  model.add(tf.layers.dense({ units: shape.outputs, kernelInitializer: tf.initializers.glorotUniform({ seed: next() }) }));
  return model;
}

export const cnnLstm: ModelDefinition<CnnLstmSpec> = {
  type: 'cnnLstm',
  trainable: true,
  build: (spec, shape, seed) => ({ kind: 'layers', model: buildCnnLstm(spec, shape, seed) }),
};
