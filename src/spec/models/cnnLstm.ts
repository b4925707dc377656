import { z } from 'zod';
import { lookbackField, recurrentActivationField } from './common';

export const cnnLstmSchema = z
  .strictObject({
    type: z.literal('cnnLstm').meta({ description: 'The model.' }),
    lookback: lookbackField,
    filters: z.number().int().min(1).max(256).default(16).meta({ description: 'Convolution filters.' }),
    kernelSize: z.number().int().min(1).max(64).default(3).meta({ description: 'Convolution width.', unit: 'bars' }),
    units: z.number().int().min(1).max(512).default(32).meta({ description: 'LSTM units.', unit: 'units' }),
    recurrentActivation: recurrentActivationField,
  })
  .meta({ title: 'CNN-LSTM', description: 'A 1-D convolution over time feeding an LSTM: local patterns first, then memory.' });
