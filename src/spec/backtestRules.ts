/** The trading rules a backtest can apply to the forecasts, one entry each. */
import { z } from 'zod';
import './meta';

export const BACKTEST_RULES = [
  { id: 'long-flat', title: 'Long / flat', description: 'Long (1) when the forecast is above the threshold, otherwise flat (0).' },
  { id: 'long-short', title: 'Long / short', description: 'Long above the threshold, short (-1) below it, flat when equal.' },
  { id: 'threshold', title: 'Threshold band', description: 'Long above +threshold, short below -threshold, flat inside the band (threshold >= 0).' },
] as const;

export type BacktestRuleId = (typeof BACKTEST_RULES)[number]['id'];

const [firstRule, ...otherRules] = BACKTEST_RULES.map((r) => r.id);

export const backtestRuleField = z
  .enum([firstRule!, ...otherRules])
  .meta({ description: 'How forecasts become positions: long-flat, long-short or threshold.' });

export const intervalGateField = z
  .number()
  .min(0.01)
  .max(0.99)
  .optional()
  .meta({
    description: "Stay flat unless the walk-forward's conformal interval at this level (one of its intervalLevels, e.g. 0.8) excludes zero; absent = trade every forecast.",
    unit: 'fraction',
  });
