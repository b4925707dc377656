/**
 * The feature registry: every declared feature (src/spec/features) with its computation. Each
 * family file exports its own entries.
 */
import { ADX_FEATURES } from './adx';
import { ATR_FEATURES } from './atr';
import { BOLLINGER_FEATURES } from './bollinger';
import { CALENDAR_FEATURES } from './calendar';
import { checkSpec } from '../../spec/check';
import { param, type FeatureDefinition } from './definition';
import { EMA_FEATURES } from './ema';
import { MACD_FEATURES } from './macd';
import { RETURN_FEATURES } from './returns';
import { ROLLING_FEATURES } from './rolling';
import { RSI_FEATURES } from './rsi';
import { SMA_FEATURES } from './sma';
import { STOCHASTIC_FEATURES } from './stochastic';
import { TRANSFORM_FEATURES } from './transforms';
import { VOLATILITY_FEATURES } from './volatility';
import { VOLUME_FEATURES } from './volume';
import { WMA_FEATURES } from './wma';

export type { FeatureColumns, FeatureDefinition } from './definition';

export const FEATURES: readonly FeatureDefinition[] = [
  ...RETURN_FEATURES,
  ...TRANSFORM_FEATURES,
  ...ROLLING_FEATURES,
  ...VOLATILITY_FEATURES,
  ...SMA_FEATURES,
  ...EMA_FEATURES,
  ...WMA_FEATURES,
  ...RSI_FEATURES,
  ...MACD_FEATURES,
  ...BOLLINGER_FEATURES,
  ...ATR_FEATURES,
  ...ADX_FEATURES,
  ...STOCHASTIC_FEATURES,
  ...VOLUME_FEATURES,
  ...CALENDAR_FEATURES,
];

export function findFeature(name: string): FeatureDefinition {
  const def = FEATURES.find((f) => f.name === name);
  if (!def) throw new Error(`unknown feature "${name}"; known: ${FEATURES.map((f) => f.name).join(', ')}`);
  return def;
}

/**
 * Fill defaults and check every given parameter against the feature's declaration. The key
 * `name` is ignored so a notebook's feature entry (`{ name: 'rsi', period: 14 }`) can be passed as it is.
 */
export function resolveFeatureParams(def: FeatureDefinition, given: Record<string, unknown>): Record<string, number> {
  const { name: _name, ...params } = given;
  return checkSpec(def.params, params, `feature "${def.name}"`);
}

/** `<name>_<param values in params order joined by _>`, or the bare name: rsi_14, macd_12_26_9, logReturn. */
export function featureColumnName(def: FeatureDefinition, params: Record<string, number>): string {
  const names = Object.keys(def.params.shape);
  if (names.length === 0) return def.name;
  return [def.name, ...names.map((name) => param(def.name, params, name))].join('_');
}
