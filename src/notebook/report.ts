import { z } from 'zod';
import { backtestRuleField } from '../spec';
import { explainReportSchema, explainSeriesSchema } from './explainReport';
import { diagnosticsReportSchema, foldGapSchema, intervalSeriesSchema } from './diagnosticsReport';
import { reproducibilitySchema } from './reproducibility';

/** The run report: stable keys (ARCHITECTURE.md), written by the CLI and stored as the run record. */

const finite = z.number().refine(Number.isFinite, 'expected a finite number');
const nullableNumber = z.number().nullable();
const isoTime = z.iso.datetime();

export const forecastMetricsSchema = z.object({
  n: z.number().int().nonnegative(),
  rmse: nullableNumber,
  mae: nullableNumber,
  mape: nullableNumber,
  smape: nullableNumber,
  mase: nullableNumber,
  r2: nullableNumber,
  directionalAccuracy: nullableNumber,
});

export const foldReportSchema = z.object({
  index: z.number().int().nonnegative(),
  trainStart: isoTime,
  trainEnd: isoTime,
  testStart: isoTime,
  testEnd: isoTime,
  trainSamples: z.number().int().nonnegative(),
  testSamples: z.number().int().nonnegative(),
  /** False when the fold forecast with the model of an earlier fold (refitEvery > 1). */
  refit: z.boolean(),
  metrics: forecastMetricsSchema,
  baselines: z.record(z.string(), forecastMetricsSchema),
  trainMs: finite,
  finalLoss: nullableNumber,
  /** What trained the fold's model: "fused wasm SIMD", "tfjs layers (...)", ... */
  engine: z.string().nullable(),
  backend: z.enum(['webgpu', 'wasm', 'cpu']),
  /** Why the fold's training diverged (NaN or exploding loss, R² below -100): its forecasts are not a result. */
  diverged: z.string().optional(),
  /** Rows left out between training and test (absent in runs stored before they were recorded). */
  embargo: foldGapSchema.optional(),
  purge: foldGapSchema.optional(),
});

/** Path targets: out-of-sample metrics of the forecast `step` bars ahead, model and baselines. */
export const stepReportSchema = z.object({
  step: z.number().int().positive(),
  metrics: forecastMetricsSchema,
  baselines: z.record(z.string(), forecastMetricsSchema),
});

const nullableIso = isoTime.nullable();

export const tradingMetricsSchema = z.object({
  periods: z.number().int().nonnegative(),
  totalReturn: nullableNumber,
  cagr: nullableNumber,
  annualVolatility: nullableNumber,
  sharpe: nullableNumber,
  sortino: nullableNumber,
  calmar: nullableNumber,
  maxDrawdown: nullableNumber,
  maxDrawdownStart: nullableIso,
  maxDrawdownTrough: nullableIso,
  maxDrawdownRecovery: nullableIso,
  longestDrawdownDays: nullableNumber,
  var95: nullableNumber,
  cvar95: nullableNumber,
  hitRate: nullableNumber,
  profitFactor: nullableNumber,
  payoffRatio: nullableNumber,
  exposure: nullableNumber,
  trades: z.number().int().nonnegative(),
  turnover: nullableNumber,
  skewness: nullableNumber,
  excessKurtosis: nullableNumber,
  probabilisticSharpe: nullableNumber,
  deflatedSharpe: nullableNumber,
});

/** Which cell outputs and walk-forward folds a run read from the cache, and every cell's content key (plan.ts). */
export const runCacheReportSchema = z.object({
  /** The cells whose output is cached (features, walk-forward: a hit when every fold was one). */
  cells: z.record(z.string(), z.enum(['hit', 'miss'])),
  /** By fold index. */
  folds: z.array(z.enum(['hit', 'miss'])),
  keys: z.record(z.string(), z.string()),
  /** Entries the cache failed to store (the run's numbers are unaffected; the next run recomputes them). */
  problems: z.array(z.string()).optional(),
});

export const runReportSchema = z.object({
  notebookHash: z.string().regex(/^[0-9a-f]{64}$/),
  title: z.string(),
  data: z.object({
    hash: z.string().regex(/^[0-9a-f]{64}$/),
    name: z.string(),
    synthetic: z.boolean(),
    rows: z.number().int().positive(),
    start: isoTime,
    end: isoTime,
    cleaning: z.record(z.string(), z.number()),
    notes: z.array(z.string()),
  }),
  backend: z.object({ name: z.enum(['webgpu', 'wasm', 'cpu']), reason: z.string(), adapter: z.string().optional() }),
  seed: z.number().int(),
  versions: z.record(z.string(), z.string()),
  model: z.record(z.string(), z.unknown()),
  features: z.array(z.string()),
  target: z.string(),
  folds: z.array(foldReportSchema).min(1),
  metrics: forecastMetricsSchema,
  baselines: z.record(z.string(), forecastMetricsSchema),
  /** Path targets only: one entry per step ahead; `metrics` above score the first step. */
  byStep: z.array(stepReportSchema).optional(),
  backtest: z.object({
    start: isoTime,
    end: isoTime,
    periodsPerYear: z.number().positive(),
    execution: z.enum(['open', 'close']),
    rule: backtestRuleField,
    feeBps: z.number().nonnegative(),
    slippageBps: z.number().nonnegative(),
    threshold: z.number(),
    trials: z.number().int().positive(),
    strategy: tradingMetricsSchema,
    buyAndHold: tradingMetricsSchema,
  }),
  tests: z
    .object({
      dieboldMariano: z.object({
        baseline: z.string(),
        statistic: nullableNumber,
        pValue: nullableNumber,
        n: z.number().int().nonnegative(),
        meanLossDifferential: nullableNumber,
        verdict: z.enum(['beats', 'worse', 'not distinguishable']),
        sentence: z.string(),
      }),
      /** Present when folds diverged: the run's verdict, shown above the metrics. */
      divergence: z.object({ folds: z.array(z.number().int().nonnegative()), sentence: z.string() }).optional(),
    })
    .catchall(z.unknown()),
  /** Present when the notebook has an explain cell. */
  explain: explainReportSchema.optional(),
  timings: z.record(z.string(), z.number().nonnegative()),
  /** Absent in runs stored before the cache existed. */
  cache: runCacheReportSchema.optional(),
  /** Intervals, drift, learning curves (absent in runs stored before diagnostics existed). */
  diagnostics: diagnosticsReportSchema.optional(),
  /** Which numbers depend on the backend (absent in runs stored before it was recorded). */
  reproducibility: reproducibilitySchema.optional(),
});

export type RunReport = z.infer<typeof runReportSchema>;
export type ForecastMetricsReport = z.infer<typeof forecastMetricsSchema>;
export type TradingMetricsReport = z.infer<typeof tradingMetricsSchema>;
export type FoldReport = z.infer<typeof foldReportSchema>;
export type StepReport = z.infer<typeof stepReportSchema>;
export type RunCacheReport = z.infer<typeof runCacheReportSchema>;

/** Per-bar series behind the charts, stored beside the report. */
export const runSeriesSchema = z.object({
  forecast: z.object({
    time: z.array(z.number()),
    actual: z.array(z.number()),
    predicted: z.array(z.number()),
    baselines: z.record(z.string(), z.array(z.number().nullable())),
    foldStarts: z.array(z.number()),
    lower: z.array(z.number()).optional(),
    upper: z.array(z.number()).optional(),
    probability: z.array(z.number()).optional(),
    intervals: intervalSeriesSchema.optional(),
  }),
  equity: z.object({
    time: z.array(z.number()),
    strategy: z.array(z.number()),
    buyAndHold: z.array(z.number()),
    strategyReturns: z.array(z.number()),
    position: z.array(z.number()),
    drawdown: z.array(z.number()),
    buyAndHoldDrawdown: z.array(z.number()),
    rollingSharpe: z.array(z.number().nullable()),
    rollingWindow: z.number().int().positive(),
  }),
  monthly: z.object({
    years: z.array(z.number().int()),
    /** [year][month 0..11] compounded strategy return; null where the month has no period. */
    returns: z.array(z.array(z.number().nullable())),
  }),
  explain: explainSeriesSchema.optional(),
});
export type RunSeries = z.infer<typeof runSeriesSchema>;
