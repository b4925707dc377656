import { z } from 'zod';
import '../meta';

const fixesSchema = z
  .strictObject({
    sort: z.boolean().optional().meta({ description: 'Sort rows by time.' }),
    dropDuplicates: z.enum(['first', 'last']).optional().meta({ description: 'Drop rows with a repeated time, keeping the first or the last.' }),
    dropBadTime: z.boolean().optional().meta({ description: 'Drop rows whose time cannot be read.' }),
    forwardFillGaps: z.number().int().min(1).max(1000).optional().meta({ description: 'Insert flat bars into gaps of at most this many bars (each insertion is counted).', unit: 'bars' }),
    markOutliers: z
      .strictObject({
        column: z.string().min(1).meta({ description: 'Column whose log returns are checked.' }),
        zScore: z.number().positive().max(100).meta({ description: 'Robust z-score above which a row is marked.' }),
      })
      .optional()
      .meta({ description: 'Add a 0/1 `outlier` column (robust z-score of log returns); rows are never dropped.' }),
  })
  .optional()
  .meta({ description: 'Fixes applied to the file, only those chosen; every change is counted in the report.' });

export const csvSourceSchema = z
  .strictObject({
    type: z.literal('csv').meta({ description: 'The data source.' }),
    path: z.string().min(1).optional().meta({ description: "The file, relative to the notebook's folder (the CLI reads it)." }),
    name: z.string().min(1).meta({ description: 'The file name shown to the user.' }),
    hash: z
      .string()
      .regex(/^[0-9a-f]{64}$/, 'expected a SHA-256 hex digest')
      .optional()
      .meta({ description: "SHA-256 of the loaded data: another machine's file must match it." }),
    mapping: z.record(z.string(), z.string()).optional().meta({ description: 'Role (time, open, high, low, close, volume) -> column of the file.' }),
    fixes: fixesSchema,
  })
  .meta({ title: 'CSV file', description: 'A file with a header; times ISO or epoch (s, ms or µs).' });
