import { z } from 'zod';
import { dropoutRate, lookbackField } from './common';

export const attentionSchema = z
  .strictObject({
    type: z.literal('attention').meta({ description: 'The model.' }),
    lookback: lookbackField,
    dModel: z.number().int().min(2).max(512).default(32).meta({ description: 'Width of each bar embedding.', unit: 'units' }),
    heads: z.number().int().min(1).max(16).default(4).meta({ description: 'Attention heads; must divide dModel.' }),
    ffDim: z.number().int().min(1).max(2048).default(64).meta({ description: 'Hidden width of the feed-forward block.', unit: 'units' }),
    blocks: z.number().int().min(1).max(6).default(1).meta({ description: 'Encoder blocks.' }),
    dropout: dropoutRate('Dropout on each residual branch.'),
  })
  .refine((m) => m.dModel % m.heads === 0, { message: 'heads must divide dModel', path: ['heads'] })
  .meta({ title: 'Attention (transformer encoder)', description: 'Multi-head self-attention over the window with sinusoidal positions, pooled to a dense head.' });
