/** GRU forecaster: stacked GRU(units) layers (tfjs's reset-before variant), then a dense head. */
import type { GruSpec } from '../../core/executor';
import { buildRecurrent, RECURRENT_DEFAULTS, RECURRENT_PARAMS } from './recurrent';
import { LOOKBACK_PARAM, type ModelDefinition } from './types';

export const gru: ModelDefinition<GruSpec> = {
  type: 'gru',
  label: 'GRU',
  description: 'Stacked GRU layers over the lookback window, then a dense layer to the horizon.',
  trainable: true,
  params: RECURRENT_PARAMS,
  defaults: { type: 'gru', lookback: LOOKBACK_PARAM.default, ...RECURRENT_DEFAULTS, recurrentActivation: 'sigmoid' },
  build: (spec, shape, seed) => ({ kind: 'layers', model: buildRecurrent('gru', spec, shape, seed) }),
};
