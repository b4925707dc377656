/** GRU forecaster: stacked GRU(units) layers (tfjs's reset-before variant), then a dense head. */
import type { GruSpec } from '../../core/executor';
import { buildRecurrent } from './recurrent';
import type { ModelDefinition } from './types';

export const gru: ModelDefinition<GruSpec> = {
  type: 'gru',
  trainable: true,
  build: (spec, shape, seed) => ({ kind: 'layers', model: buildRecurrent('gru', spec, shape, seed) }),
};
