import { z } from 'zod';

/**
 * Notebook document v1 (ARCHITECTURE.md). The document travels in files and links, so every
 * object is strict: a typo in a field name is an error with its path, not a silently ignored key.
 */

const positiveInt = z.number().int().positive();

export const demoSourceSchema = z.strictObject({
  type: z.literal('demo'),
  seed: z.number().int(),
  bars: z.number().int().min(200).max(100_000),
  start: z.iso.date().optional(),
});

export const csvSourceSchema = z.strictObject({
  type: z.literal('csv'),
  path: z.string().min(1).optional(),
  name: z.string().min(1),
  hash: z.string().regex(/^[0-9a-f]{64}$/, 'expected a SHA-256 hex digest').optional(),
  mapping: z.record(z.string(), z.string()).optional(),
  fixes: z
    .strictObject({
      sort: z.boolean().optional(),
      dropDuplicates: z.enum(['first', 'last']).optional(),
      dropBadTime: z.boolean().optional(),
    })
    .optional(),
});

export const dataSourceSchema = z.discriminatedUnion('type', [demoSourceSchema, csvSourceSchema]);

export const featureSpecSchema = z
  .object({
    name: z.string().min(1),
    column: z.string().min(1).optional(),
    columns: z.record(z.string(), z.string().min(1)).optional(),
  })
  .catchall(z.number());

export const targetSchema = z.strictObject({
  type: z.literal('logReturn'),
  horizon: z.number().int().min(1).max(30),
});

export const lstmSchema = z.strictObject({
  type: z.literal('lstm'),
  units: z.number().int().min(1).max(512),
  lookback: z.number().int().min(1).max(512),
  recurrentActivation: z.enum(['sigmoid', 'hardSigmoid']).default('sigmoid'),
});
export const naiveModelSchema = z.strictObject({
  type: z.literal('naive'),
  lookback: z.number().int().min(1).max(512).default(1),
});
export const modelSchema = z.discriminatedUnion('type', [lstmSchema, naiveModelSchema]);

export const trainingSchema = z.strictObject({
  epochs: z.number().int().min(1).max(1000),
  batchSize: z.number().int().min(1).max(4096),
  learningRate: z.number().positive().max(1),
});

const dataCell = z.strictObject({ id: z.string().min(1), kind: z.literal('data'), source: dataSourceSchema });
const featuresCell = z.strictObject({
  id: z.string().min(1),
  kind: z.literal('features'),
  features: z.array(featureSpecSchema).min(1),
  target: targetSchema,
});
const modelCell = z.strictObject({
  id: z.string().min(1),
  kind: z.literal('model'),
  model: modelSchema,
  training: trainingSchema,
});
const walkforwardCell = z.strictObject({
  id: z.string().min(1),
  kind: z.literal('walkforward'),
  mode: z.enum(['expanding', 'rolling']),
  trainSize: positiveInt,
  testSize: positiveInt,
  step: positiveInt,
  purge: z.number().int().min(0).optional(),
  embargo: z.number().int().min(0).optional(),
});
const backtestCell = z.strictObject({
  id: z.string().min(1),
  kind: z.literal('backtest'),
  rule: z.enum(['long-flat', 'long-short', 'threshold']),
  threshold: z.number().default(0),
  feeBps: z.number().min(0).max(1000),
  slippageBps: z.number().min(0).max(1000).default(0),
  volTarget: z
    .strictObject({
      annualVol: z.number().positive().max(5),
      lookback: z.number().int().min(2).max(1000),
      maxLeverage: z.number().positive().max(10),
    })
    .optional(),
  execution: z.enum(['open', 'close']).default('open'),
  periodsPerYear: z.number().positive().default(365),
});
const markdownCell = z.strictObject({
  id: z.string().min(1),
  kind: z.literal('markdown'),
  text: z.string().max(20_000),
});

export const CELL_KINDS = ['data', 'features', 'model', 'walkforward', 'backtest', 'markdown'] as const;

export const cellSchema = z.discriminatedUnion(
  'kind',
  [dataCell, featuresCell, modelCell, walkforwardCell, backtestCell, markdownCell],
  { error: (issue) => (issue.code === 'invalid_union' ? `unknown cell kind; expected one of ${CELL_KINDS.join(', ')}` : undefined) },
);

export const NOTEBOOK_SCHEMA_ID = 'crypto-forecast-lab/notebook';

export const notebookSchema = z
  .strictObject({
    schema: z.literal(NOTEBOOK_SCHEMA_ID),
    version: z.literal(1),
    title: z.string().min(1).max(200),
    seed: z.number().int(),
    cells: z.array(cellSchema).min(1).max(100),
  })
  .superRefine((doc, ctx) => {
    const seen = new Set<string>();
    doc.cells.forEach((cell, index) => {
      if (seen.has(cell.id)) ctx.addIssue({ code: 'custom', path: ['cells', index, 'id'], message: `duplicate cell id "${cell.id}"` });
      seen.add(cell.id);
    });
  });

export type NotebookDoc = z.output<typeof notebookSchema>;
export type NotebookInput = z.input<typeof notebookSchema>;
export type Cell = NotebookDoc['cells'][number];
export type CellKind = Cell['kind'];
export type DataSourceSpec = z.output<typeof dataSourceSchema>;
export type DemoSourceSpec = z.output<typeof demoSourceSchema>;
export type CsvSourceSpec = z.output<typeof csvSourceSchema>;
export type FeatureSpec = z.output<typeof featureSpecSchema>;
export type TargetSpec = z.output<typeof targetSchema>;
export type ModelCellSpec = z.output<typeof modelSchema>;
export type TrainingCellSpec = z.output<typeof trainingSchema>;
export type CellOf<K extends CellKind> = Extract<Cell, { kind: K }>;
