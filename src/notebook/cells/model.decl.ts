import { modelSpecSchema, trainingSchema } from '../../spec';
import { declareCell } from './declaration';

export const modelCellDeclaration = declareCell({
  kind: 'model',
  label: 'Model',
  description: 'Any registered model plus its training options; it trains per fold in the walk-forward cell.',
  // The model's parameters read no cell's output; the walk-forward cell joins them with the features.
  inputs: [],
  weight: 0,
  fields: {
    model: modelSpecSchema.meta({ description: 'The model and its parameters (type picks the model).' }),
    training: trainingSchema,
  },
});
