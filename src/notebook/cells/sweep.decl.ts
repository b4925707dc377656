import { z } from 'zod';
import { forecastMetricsSchema, tradingMetricsSchema } from '../report';
import { declareCell } from './declaration';

/** The report's numeric metrics, by name: every forecast metric and every backtest metric can be the objective. */
function numericKeys(shape: Record<string, z.ZodType>, prefix: string): string[] {
  const numeric = (schema: z.ZodType): boolean => {
    const inner = schema instanceof z.ZodNullable ? (schema.unwrap() as z.ZodType) : schema;
    return inner instanceof z.ZodNumber;
  };
  return Object.entries(shape)
    .filter(([name, schema]) => name !== 'n' && name !== 'periods' && numeric(schema))
    .map(([name]) => `${prefix}.${name}`);
}

const [firstMetric, ...otherMetrics] = [...numericKeys(forecastMetricsSchema.shape, 'forecast'), ...numericKeys(tradingMetricsSchema.shape, 'backtest')];
export const objectiveMetricSchema = z.enum([firstMetric!, ...otherMetrics]);
export type ObjectiveMetric = z.output<typeof objectiveMetricSchema>;

const scalarValue = z.union([z.number(), z.string(), z.boolean()]);

export const parameterRangeSchema = z
  .strictObject({
    min: z.number().meta({ description: 'Smallest value tried.' }),
    max: z.number().meta({ description: 'Largest value tried.' }),
    scale: z.enum(['linear', 'log']).default('linear').meta({ description: 'linear: uniform in [min, max]; log: uniform in log space (learning rates; min > 0).' }),
    integer: z.boolean().default(false).meta({ description: 'Round every value to a whole number.' }),
    steps: z.number().int().min(2).max(100).default(5).meta({ description: 'Grid search only: points from min to max (on the scale).' }),
  })
  .refine((r) => r.max > r.min, { message: 'max must be greater than min', path: ['max'] })
  .refine((r) => r.scale !== 'log' || r.min > 0, { message: 'a log scale needs min > 0', path: ['min'] });

export const parameterDomainSchema = z.union([
  z.array(scalarValue).min(1).max(1000).meta({ description: 'The values tried, in order.' }),
  parameterRangeSchema,
]);
export type ParameterDomain = z.output<typeof parameterDomainSchema>;
export type ParameterRange = z.output<typeof parameterRangeSchema>;
export type ParameterValue = z.output<typeof scalarValue>;

export const sweepCellDeclaration = declareCell({
  kind: 'sweep',
  label: 'Sweep',
  description: 'Searches the notebook parameters named here (grid, random or TPE), with a hold-out never seen by the search and a deflated Sharpe for the trials run.',
  inputs: [],
  weight: 0,
  fields: {
    parameters: z
      .record(z.string().min(1), parameterDomainSchema)
      .refine((p) => Object.keys(p).length <= 20, { message: 'a sweep varies at most 20 parameters' })
      .default({})
      .meta({ description: 'Path in the notebook (model.units, training.learningRate, backtest.feeBps, features.features[1].period, <cell id>.<field>) -> a list of values or {min, max, scale, integer}.' }),
    search: z.enum(['grid', 'random', 'tpe']).default('random').meta({ description: 'grid: every combination; random: seeded uniform draws; tpe: Bayesian (tree-structured Parzen estimators).' }),
    seed: z.number().int().min(0).max(2 ** 31).default(0).meta({ description: 'Seed of the search (the trials keep the notebook seed).' }),
    trials: z.number().int().min(1).max(10_000).optional().meta({ description: 'Trials to run (default: the whole grid, 20 for random and tpe).' }),
    seconds: z.number().positive().max(7 * 86_400).optional().meta({ description: 'Time budget: no new trial starts after it.', unit: 's' }),
    batch: z.number().int().min(1).max(256).default(4).meta({ description: 'TPE and pruning decide in rounds of this many trials (not the worker count), so a sweep is reproducible anywhere.', unit: 'trials' }),
    pruning: z.enum(['none', 'asha']).default('none').meta({ description: 'asha: successive halving over the walk-forward folds; a trial stops when its first folds rank in the bottom of its rung.' }),
    reduction: z.number().int().min(2).max(8).default(3).meta({ description: 'ASHA: keep the top 1/reduction at each rung.' }),
    objective: z
      .strictObject({
        metric: objectiveMetricSchema.default('backtest.sharpe').meta({ description: 'A forecast metric over the out-of-sample folds, or a backtest metric.' }),
        direction: z.enum(['maximize', 'minimize']).default('maximize').meta({ description: 'Whether larger or smaller is better.' }),
      })
      .default({ metric: 'backtest.sharpe', direction: 'maximize' })
      .meta({ description: 'What the search optimises.' }),
    holdout: z.number().min(0.05).max(0.8).default(0.2).meta({ description: 'Last fraction of the test folds the search never sees; the chosen configuration is scored on it once.', unit: 'fraction' }),
  },
});
