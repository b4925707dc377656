import { z } from 'zod';
import { featureSpecSchema, targetSchema } from '../../spec';
import { declareCell } from './declaration';

export const featuresCellDeclaration = declareCell({
  kind: 'features',
  label: 'Features',
  description: 'Computes features by name from the feature library, and the target; checks that no feature looks ahead.',
  inputs: ['data'],
  weight: 0.02,
  fields: {
    features: z.array(featureSpecSchema).min(1).max(200).meta({ description: 'The model inputs, one row per feature: its name, optional column(s) and parameters.' }),
    target: targetSchema,
  },
});
