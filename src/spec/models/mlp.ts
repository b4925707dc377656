import { z } from 'zod';
import { dropoutRate, lookbackField } from './common';

export const mlpSchema = z
  .strictObject({
    type: z.literal('mlp').meta({ description: 'The model.' }),
    lookback: lookbackField,
    hidden: z
      .array(z.number().int().min(1).max(1024))
      .max(6)
      .default([32, 16])
      .meta({ description: 'Units of each hidden Dense(relu) layer, in order; [] is a linear model.', unit: 'units' }),
    dropout: dropoutRate('Dropout after each hidden layer.'),
  })
  .meta({ title: 'MLP', description: 'Fully connected network on the flattened window.' });
