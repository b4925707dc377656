/**
 * The models, as a constant array of definitions (one file per model). `build` returns either a
 * tfjs LayersModel to be fit by train.ts or a ready ArrayModel that needs no training.
 */
import type * as tf from '@tensorflow/tfjs';
import type { LstmSpec, ModelSpec, NaiveSpec } from '../../core/executor';
import { buildLstm } from './lstm';
import { createNaiveModel, type ArrayModel } from './naive';

export type BuiltModel = { kind: 'layers'; model: tf.LayersModel } | { kind: 'array'; model: ArrayModel };

export interface ModelShape {
  features: number;
  horizon: number;
}

export interface ModelDefinition<S extends ModelSpec = ModelSpec> {
  type: S['type'];
  label: string;
  description: string;
  /** false: `build` returns a finished model and training is skipped. */
  trainable: boolean;
  build(spec: S, shape: ModelShape, seed: number): BuiltModel;
}

const naive: ModelDefinition<NaiveSpec> = {
  type: 'naive',
  label: 'Naive (zero return)',
  description: 'Predicts a zero log return for every bar: the random-walk baseline every model must beat.',
  trainable: false,
  build: (_spec, shape) => ({ kind: 'array', model: createNaiveModel(shape.horizon) }),
};

const lstm: ModelDefinition<LstmSpec> = {
  type: 'lstm',
  label: 'LSTM',
  description: 'One LSTM layer over the lookback window, then a dense layer to the horizon.',
  trainable: true,
  build: (spec, shape, seed) => ({ kind: 'layers', model: buildLstm(spec, shape.features, shape.horizon, seed) }),
};

export const MODELS: readonly ModelDefinition[] = [naive, lstm];

export function modelDefinition(type: ModelSpec['type']): ModelDefinition {
  const found = MODELS.find((m) => m.type === type);
  if (!found) throw new Error(`unknown model type "${String(type)}", expected one of ${MODELS.map((m) => m.type).join(', ')}`);
  return found;
}
