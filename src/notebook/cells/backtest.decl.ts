import { z } from 'zod';
import { backtestRuleField, intervalGateField } from '../../spec';
import { declareCell } from './declaration';

const bps = () => z.number().min(0).max(1000);

export const backtestCellDeclaration = declareCell({
  kind: 'backtest',
  label: 'Backtest',
  description: "Trades the out-of-sample forecasts at the next bar's open or close with fees and slippage; a tearsheet against buy-and-hold.",
  inputs: ['data', 'walkforward'],
  weight: 0.04,
  fields: {
    rule: backtestRuleField,
    threshold: z
      .number()
      .min(-100)
      .max(100)
      .default(0)
      .meta({ description: 'Forecast level the rule compares with (a log return; for direction models P(up) - 0.5).' }),
    intervalGate: intervalGateField,
    feeBps: bps().meta({ description: 'Fee per unit of position change.', unit: 'bps' }),
    slippageBps: bps().default(0).meta({ description: 'Slippage per unit of position change.', unit: 'bps' }),
    volTarget: z
      .strictObject({
        annualVol: z.number().positive().max(5).meta({ description: 'Target annualised volatility.', unit: 'fraction' }),
        lookback: z.number().int().min(2).max(1000).meta({ description: 'Bars of realised volatility used to size positions.', unit: 'bars' }),
        maxLeverage: z.number().positive().max(10).meta({ description: 'Largest position size.', unit: 'x' }),
      })
      .optional()
      .meta({ description: 'Scale positions to a target volatility (absent = unit positions).' }),
    execution: z.enum(['open', 'close']).default('open').meta({ description: "Trade at the next bar's open or its close." }),
    periodsPerYear: z.number().positive().max(525_600).default(365).meta({ description: 'Bars per year, for annualised metrics (365 daily, 8760 hourly).', unit: 'bars/year' }),
  },
});
