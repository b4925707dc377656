import { z } from 'zod';
import { IG_DEFAULT_MAX_STEPS, IG_DEFAULT_TOLERANCE } from '../../core/explain';
import { declareCell } from './declaration';

export const explainCellDeclaration = declareCell({
  kind: 'explain',
  label: 'Explain',
  description:
    "Attributions of the out-of-sample forecasts: group Shapley values that add up to prediction minus base (exact up to 12 groups, Kernel SHAP beyond), integrated gradients (neural models), or permutation importance; the background comes from the fold's training windows only.",
  inputs: ['walkforward'],
  weight: 0.3,
  fields: {
    method: z
      .enum(['shapley', 'integratedGradients', 'permutation'])
      .default('shapley')
      .meta({
        description:
          'shapley: per-window group Shapley values (exact for <= 12 groups, Kernel SHAP beyond); integratedGradients: feature x lag attribution of each window along the straight path from the background mean (neural models); permutation: loss increase when a group is shuffled across the test windows.',
      }),
    grouping: z
      .enum(['feature', 'lag', 'featureLag'])
      .default('feature')
      .meta({ description: 'feature: all lags of a feature together; lag: all features at one lag; featureLag: feature x lag cells, older lags pruned into one coalition.' }),
    recentLags: z
      .number()
      .int()
      .min(1)
      .max(1000)
      .default(3)
      .meta({ description: 'featureLag: lags below this are one group per feature and lag; all older lags form one coalition (TimeSHAP pruning).', unit: 'bars' }),
    windows: z
      .enum(['all', 'last', 'sample'])
      .default('all')
      .meta({ description: "Which test windows of the chosen folds to explain: all, the last windowCount, or windowCount drawn at random (seeded)." }),
    windowCount: z.number().int().min(1).max(100_000).default(30).meta({ description: 'last / sample: how many test windows.', unit: 'windows' }),
    fold: z.enum(['last', 'each']).default('last').meta({ description: "last: the last fold's model; each: every fold's model on its own test windows (retrains the folds that hold chosen windows)." }),
    backgroundSize: z
      .number()
      .int()
      .min(1)
      .max(1024)
      .default(64)
      .meta({ description: "Background windows drawn from the fold's training windows (never the test period): a masked group takes their values.", unit: 'windows' }),
    coalitions: z
      .number()
      .int()
      .min(16)
      .max(65_536)
      .default(1024)
      .meta({ description: 'Kernel SHAP (more than 12 groups): coalitions per window, sampled in complementary pairs; the standard error is reported.' }),
    steps: z
      .number()
      .int()
      .min(4)
      .max(4096)
      .default(64)
      .meta({
        description: `integratedGradients: trapezoid intervals along the path from the background mean to the window; a window whose completeness gap exceeds ${IG_DEFAULT_TOLERANCE * 100}% of f(x) - f(baseline) is refined by doubling, up to ${IG_DEFAULT_MAX_STEPS} intervals (the steps used are reported).`,
        unit: 'steps',
      }),
    repeats: z.number().int().min(1).max(100).default(5).meta({ description: 'permutation: shuffles per group; the spread of the loss increase over them is reported.' }),
    seed: z
      .number()
      .int()
      .min(0)
      .max(2 ** 32 - 1)
      .default(0)
      .meta({ description: 'Seed of the background draw, the window sample, the Kernel SHAP coalitions and the permutations.' }),
    quantile: z
      .number()
      .min(0.001)
      .max(0.999)
      .optional()
      .meta({ description: 'Quantile models: the quantile level to explain (default: the level nearest 0.5).' }),
  },
});
