/**
 * CNN-LSTM: Conv1D(filters, kernelSize, relu, 'same' padding) extracts local patterns over
 * time (the window holds only the past, so 'same' padding sees no future), then LSTM(units)
 * summarises the sequence and a dense head maps to the outputs.
 */
import * as tf from '@tensorflow/tfjs';
import type { CnnLstmSpec } from '../../core/executor';
import { LOOKBACK_PARAM, seedStream, type ModelDefinition, type ModelShape } from './types';

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
      recurrentActivation: spec.recurrentActivation ?? 'sigmoid',
      kernelInitializer: tf.initializers.glorotUniform({ seed: next() }),
      recurrentInitializer: tf.initializers.orthogonal({ seed: next() }),
    }),
  );
  model.add(tf.layers.dense({ units: shape.outputs, kernelInitializer: tf.initializers.glorotUniform({ seed: next() }) }));
  return model;
}

export const cnnLstm: ModelDefinition<CnnLstmSpec> = {
  type: 'cnnLstm',
  label: 'CNN-LSTM',
  description: 'A 1-D convolution over time feeding an LSTM: local patterns first, then memory.',
  trainable: true,
  params: [
    LOOKBACK_PARAM,
    { name: 'filters', kind: 'int', default: 16, min: 1, max: 256, description: 'Convolution filters.' },
    { name: 'kernelSize', kind: 'int', default: 3, min: 1, max: 64, description: 'Convolution width in bars.' },
    { name: 'units', kind: 'int', default: 32, min: 1, max: 512, description: 'LSTM units.' },
    {
      name: 'recurrentActivation',
      kind: 'choice',
      default: 'sigmoid',
      options: ['sigmoid', 'hardSigmoid'],
      optional: true,
      description: 'LSTM gate activation.',
    },
  ],
  defaults: { type: 'cnnLstm', lookback: LOOKBACK_PARAM.default, filters: 16, kernelSize: 3, units: 32, recurrentActivation: 'sigmoid' },
  build: (spec, shape, seed) => ({ kind: 'layers', model: buildCnnLstm(spec, shape, seed) }),
};
