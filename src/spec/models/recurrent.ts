/** The fields LSTM and GRU share. */
import { z } from 'zod';
import { dropoutRate, lookbackField, recurrentActivationField, unitsField } from './common';

export const recurrentFields = {
  lookback: lookbackField,
  units: unitsField('Units per recurrent layer.'),
  layers: z.number().int().min(1).max(4).default(1).meta({ description: 'Stacked recurrent layers.' }),
  dropout: dropoutRate('Dropout between stacked layers (seeded).'),
  recurrentDropout: dropoutRate('Dropout on the recurrent state inside each cell (tfjs layers, unseeded: breaks bitwise reproducibility).'),
  recurrentActivation: recurrentActivationField,
  engine: z
    .enum(['fused', 'tfjs'])
    .default('fused')
    .meta({ description: 'fused: the whole training step in wasm SIMD (or WGSL on a GPU); tfjs: tfjs layers, the reference.' }),
};
