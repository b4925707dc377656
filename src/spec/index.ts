/**
 * Declarations: every model, data source, feature, backtest rule, the target and the training
 * options, each a zod schema whose fields carry their defaults, ranges, units and one line of
 * help (`.meta()`). Imports nothing of ours: every layer may import it.
 */
export * from './models/registry';
export * from './dataSources/registry';
export * from './features/registry';
export * from './target';
export * from './training';
export * from './backtestRules';
export * from './check';
