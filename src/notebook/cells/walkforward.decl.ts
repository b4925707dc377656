import { z } from 'zod';
import { declareCell } from './declaration';
import { diagnosticsFields } from './diagnostics.decl';

const MAX_ROWS = 10_000_000;
const rows = (description: string) => z.number().int().min(1).max(MAX_ROWS).meta({ description, unit: 'bars' });

export const walkforwardCellDeclaration = declareCell({
  kind: 'walkforward',
  label: 'Walk-forward',
  description: "Expanding or rolling folds, each trained on its past only, scored against naive, drift, seasonal-naive and ridge baselines.",
  inputs: ['features', 'model'],
  weight: 0.9,
  fields: {
    mode: z.enum(['expanding', 'rolling']).meta({ description: 'expanding: every fold trains on all rows before it; rolling: on the last trainSize rows.' }),
    trainSize: rows('Training rows of the first fold (of every fold when rolling).'),
    testSize: rows('Test rows per fold.'),
    step: rows('Rows the test window moves between folds.'),
    purge: z
      .number()
      .int()
      .min(0)
      .max(100_000)
      .optional()
      .meta({ description: 'Rows dropped between training and test; at least lookback + horizon - 1 is always applied.', unit: 'bars' }),
    embargo: z.number().int().min(0).max(100_000).optional().meta({ description: 'Extra rows dropped after the purge.', unit: 'bars' }),
    refitEvery: z
      .number()
      .int()
      .min(1)
      .max(100)
      .default(1)
      .meta({ description: 'Train a model every k folds; the folds between reuse it (and its scaling).', unit: 'folds' }),
    ...diagnosticsFields,
  },
});
