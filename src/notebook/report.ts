import { z } from 'zod';

/** The run report: stable keys (ARCHITECTURE.md), written by the CLI and stored as the run record. */

const finite = z.number().refine(Number.isFinite, 'expected a finite number');
const nullableNumber = z.number().nullable();
const isoTime = z.iso.datetime();

export const forecastMetricsSchema = z.object({
  n: z.number().int().nonnegative(),
  rmse: nullableNumber,
  mae: nullableNumber,
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
  metrics: forecastMetricsSchema,
  baselines: z.record(z.string(), forecastMetricsSchema),
  trainMs: finite,
  finalLoss: nullableNumber,
});

export const tradingMetricsSchema = z.object({
  sharpe: nullableNumber,
  sortino: nullableNumber,
  maxDrawdown: nullableNumber,
  totalReturn: nullableNumber,
  cagr: nullableNumber,
  annualVolatility: nullableNumber,
  trades: z.number().int().nonnegative(),
  exposure: nullableNumber,
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
  backtest: z.object({
    start: isoTime,
    end: isoTime,
    periodsPerYear: z.number().positive(),
    execution: z.enum(['open', 'close']),
    feeBps: z.number().nonnegative(),
    threshold: z.number(),
    strategy: tradingMetricsSchema,
    buyAndHold: tradingMetricsSchema,
  }),
  tests: z.record(z.string(), z.unknown()),
  timings: z.record(z.string(), z.number().nonnegative()),
});

export type RunReport = z.infer<typeof runReportSchema>;
export type ForecastMetricsReport = z.infer<typeof forecastMetricsSchema>;
export type TradingMetricsReport = z.infer<typeof tradingMetricsSchema>;
export type FoldReport = z.infer<typeof foldReportSchema>;

/** Per-bar series behind the charts, stored beside the report. */
export const runSeriesSchema = z.object({
  forecast: z.object({
    time: z.array(z.number()),
    actual: z.array(z.number()),
    predicted: z.array(z.number()),
    naive: z.array(z.number()),
    foldStarts: z.array(z.number()),
  }),
  equity: z.object({ time: z.array(z.number()), strategy: z.array(z.number()), buyAndHold: z.array(z.number()) }),
});
export type RunSeries = z.infer<typeof runSeriesSchema>;
