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
      /** Insert flat bars into gaps of at most this many bars (each insertion is counted in the report). */
      forwardFillGaps: z.number().int().min(1).max(1000).optional(),
      /** Add a 0/1 `outlier` column (robust z-score of log returns); rows are never dropped. */
      markOutliers: z.strictObject({ column: z.string().min(1), zScore: z.number().positive().max(100) }).optional(),
    })
    .optional(),
});

const isoDateOrTime = z.union([z.iso.date(), z.iso.datetime()]);
const intervalText = z.string().regex(/^\d+[mhdwM]$/, 'expected an interval like 1m, 5m, 1h, 4h, 1d, 1w or 1M');

/** Exchange candles (binance, coinbase, kraken) or on-chain series (coinmetrics, blockchain-com, mempool). */
export const connectorSourceSchema = z.strictObject({
  type: z.enum(['binance', 'coinbase', 'kraken', 'coinmetrics', 'blockchain-com', 'mempool']),
  symbol: z.string().min(1).max(40),
  interval: intervalText,
  start: isoDateOrTime,
  end: isoDateOrTime,
  metrics: z.array(z.string().min(1).max(60)).min(1).max(20).optional(),
});

export const dataSourceSchema = z.discriminatedUnion('type', [demoSourceSchema, csvSourceSchema, connectorSourceSchema]);

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
  /** 'cumulative' (default): one output, the return over `horizon` bars; 'path': direct multi-output, one next-bar return per step ahead 1..horizon. */
  output: z.enum(['cumulative', 'path']).optional(),
});

const lookback = z.number().int().min(1).max(512);
const activation = z.enum(['sigmoid', 'hardSigmoid']).default('sigmoid');
const rate = z.number().min(0).max(0.9);

export const naiveModelSchema = z.strictObject({ type: z.literal('naive'), lookback: lookback.default(1) });
const driftSchema = z.strictObject({ type: z.literal('drift'), lookback: lookback.default(1) });
const ridgeSchema = z.strictObject({ type: z.literal('ridge'), lookback, lambda: z.number().min(1e-8).max(1e8).default(1) });
const mlpSchema = z.strictObject({
  type: z.literal('mlp'),
  lookback,
  hidden: z.array(z.number().int().min(1).max(1024)).max(6).default([32, 16]),
  dropout: rate.default(0),
});
const recurrentFields = {
  lookback,
  units: z.number().int().min(1).max(512),
  layers: z.number().int().min(1).max(4).default(1),
  dropout: rate.default(0),
  recurrentDropout: rate.default(0),
  recurrentActivation: activation,
  /** fused: the training step in wasm SIMD (default); tfjs: tfjs layers, the reference. */
  engine: z.enum(['fused', 'tfjs']).default('fused'),
};
export const lstmSchema = z.strictObject({ type: z.literal('lstm'), ...recurrentFields });
const gruSchema = z.strictObject({ type: z.literal('gru'), ...recurrentFields });
const cnnLstmSchema = z.strictObject({
  type: z.literal('cnnLstm'),
  lookback,
  filters: z.number().int().min(1).max(256).default(16),
  kernelSize: z.number().int().min(1).max(64).default(3),
  units: z.number().int().min(1).max(512).default(32),
  recurrentActivation: activation,
});
const attentionSchema = z
  .strictObject({
    type: z.literal('attention'),
    lookback,
    dModel: z.number().int().min(2).max(512).default(32),
    heads: z.number().int().min(1).max(16).default(4),
    ffDim: z.number().int().min(1).max(2048).default(64),
    blocks: z.number().int().min(1).max(6).default(1),
    dropout: rate.default(0),
  })
  .refine((m) => m.dModel % m.heads === 0, { message: 'heads must divide dModel', path: ['heads'] });

const memberSchema = z.discriminatedUnion('type', [naiveModelSchema, driftSchema, ridgeSchema, mlpSchema, lstmSchema, gruSchema, cnnLstmSchema, attentionSchema]);
const ensembleSchema = z
  .strictObject({
    type: z.literal('ensemble'),
    lookback,
    members: z.array(memberSchema).min(1).max(8),
    combine: z.enum(['mean', 'stacked']).default('mean'),
  })
  .superRefine((e, ctx) => {
    e.members.forEach((m, i) => {
      if (m.lookback !== e.lookback) ctx.addIssue({ code: 'custom', path: ['members', i, 'lookback'], message: `must equal the ensemble's lookback ${e.lookback}` });
    });
  });

export const MODEL_TYPES = ['naive', 'drift', 'ridge', 'mlp', 'lstm', 'gru', 'cnnLstm', 'attention', 'ensemble'] as const;
export const modelSchema = z.discriminatedUnion('type', [
  naiveModelSchema,
  driftSchema,
  ridgeSchema,
  mlpSchema,
  lstmSchema,
  gruSchema,
  cnnLstmSchema,
  attentionSchema,
  ensembleSchema,
]);

export const trainingSchema = z.strictObject({
  epochs: z.number().int().min(1).max(1000),
  batchSize: z.number().int().min(1).max(4096),
  learningRate: z.number().positive().max(1),
  /** Tail of each fold's training windows used for early stopping (never the test fold); 0 = off. */
  validationFraction: z.number().min(0).max(0.5).default(0.1),
  patience: z.number().int().min(1).max(1000).default(5),
  clipNorm: z.number().positive().optional(),
  lrSchedule: z.enum(['constant', 'cosine', 'step']).default('constant'),
  /** regression: the return itself; direction: P(up) with logistic loss; quantile: pinball loss per quantile. */
  objective: z.enum(['regression', 'direction', 'quantile']).default('regression'),
  quantiles: z.array(z.number().gt(0).lt(1)).min(1).max(9).default([0.1, 0.5, 0.9]),
});

const dataCell = z.strictObject({
  id: z.string().min(1),
  kind: z.literal('data'),
  source: dataSourceSchema,
  /** Resample the source's bars (OHLCV: first/max/min/last/sum) to this interval. */
  resample: z.enum(['5m', '15m', '1h', '4h', '1d']).optional(),
  /** An on-chain series joined onto the price bars. */
  onchain: z
    .strictObject({
      source: connectorSourceSchema,
      /** A value for day D is used from bar D + lag: on-chain data is published after the day closes. */
      publicationLagBars: z.number().int().min(0).max(30).default(1),
      maxForwardFill: z.number().int().min(0).max(30).default(3),
    })
    .optional(),
});
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
  /** Train a model every k folds; the folds between reuse it (and its scaling). */
  refitEvery: z.number().int().min(1).max(100).default(1),
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
  periodsPerYear: z.number().positive().max(525_600).default(365),
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
export type ConnectorSourceSpec = z.output<typeof connectorSourceSchema>;
export type FeatureSpec = z.output<typeof featureSpecSchema>;
export type TargetSpec = z.output<typeof targetSchema>;
export type ModelCellSpec = z.output<typeof modelSchema>;
export type TrainingCellSpec = z.output<typeof trainingSchema>;
export type CellOf<K extends CellKind> = Extract<Cell, { kind: K }>;
