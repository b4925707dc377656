/**
 * LSTM forecaster: `layers` stacked LSTM(units) over the lookback window, then a dense head on
 * the last state. Initializers are seeded so the same seed gives the same starting weights.
 */
import type { LstmSpec } from '../../core/executor';
import { buildRecurrent, RECURRENT_DEFAULTS, RECURRENT_PARAMS } from './recurrent';
import { LOOKBACK_PARAM, type ModelDefinition } from './types';

export const lstm: ModelDefinition<LstmSpec> = {
  type: 'lstm',
  label: 'LSTM',
  description: 'Stacked LSTM layers over the lookback window, then a dense layer to the horizon.',
  trainable: true,
  params: RECURRENT_PARAMS.map((p) => (p.name === 'recurrentActivation' ? { ...p, optional: false } : p)),
  defaults: { type: 'lstm', lookback: LOOKBACK_PARAM.default, ...RECURRENT_DEFAULTS, recurrentActivation: 'sigmoid' },
  build: (spec, shape, seed) => ({ kind: 'layers', model: buildRecurrent('lstm', spec, shape, seed) }),
};
