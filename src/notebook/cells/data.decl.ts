import { z } from 'zod';
import { connectorSourceSchema, dataSourceSchema } from '../../spec';
import { declareCell } from './declaration';

export const dataCellDeclaration = declareCell({
  kind: 'data',
  label: 'Data',
  description: 'Loads a source and reports every data problem with its line; optionally resamples and joins an on-chain series.',
  inputs: [],
  weight: 0.04,
  fields: {
    source: dataSourceSchema.meta({ description: 'Where the bars come from: demo, csv or a connector.' }),
    resample: z
      .enum(['5m', '15m', '1h', '4h', '1d'])
      .optional()
      .meta({ description: "Resample the source's bars (OHLCV: first/max/min/last/sum) to this interval." }),
    onchain: z
      .strictObject({
        source: connectorSourceSchema.meta({ description: 'The on-chain connector and series.' }),
        publicationLagBars: z
          .number()
          .int()
          .min(1)
          .max(30)
          .default(1)
          .meta({ description: 'A value for day D is used from bar D + lag: on-chain data is published after the day closes (0 would let a bar see its own day).', unit: 'bars' }),
        maxForwardFill: z.number().int().min(0).max(30).default(3).meta({ description: 'Forward-fill a missing on-chain value for at most this many bars.', unit: 'bars' }),
      })
      .optional()
      .meta({ description: 'An on-chain series joined onto the price bars.' }),
  },
});
