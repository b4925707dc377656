/**
 * LSTM forecaster: `layers` stacked LSTM(units) over the lookback window, then a dense head on
 * the last state. Initializers are seeded so the same seed gives the same starting weights.
 */
import type { LstmSpec } from '../../core/executor';
import { buildRecurrent } from './recurrent';
import type { ModelDefinition } from './types';

export const lstm: ModelDefinition<LstmSpec> = {
  type: 'lstm',
  trainable: true,
  build: (spec, shape, seed) => ({ kind: 'layers', model: buildRecurrent('lstm', spec, shape, seed) }),
};
