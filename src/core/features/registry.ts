/**
 * The feature registry: a constant array of definitions, each with its parameter schema and
 * defaults. The notebook's features cell and the UI are driven from this list; each family
 * file exports its own entries.
 */
import { ADX_FEATURES } from './adx';
import { ATR_FEATURES } from './atr';
import { BOLLINGER_FEATURES } from './bollinger';
import { CALENDAR_FEATURES } from './calendar';
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

export type { FeatureColumns, FeatureDefinition, FeatureParam } from './definition';

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
 * Fill defaults and check every given parameter. The key `name` is ignored so a notebook's
 * feature entry (`{ name: 'rsi', period: 14 }`) can be passed as it is.
 */
export function resolveFeatureParams(def: FeatureDefinition, given: Record<string, unknown>): Record<string, number> {
  const known = def.params.map((p) => p.name);
  for (const key of Object.keys(given)) {
    if (key !== 'name' && !known.includes(key)) {
      throw new Error(`feature "${def.name}": unknown parameter "${key}"; known: ${known.join(', ') || '(none)'}`);
    }
  }
  const resolved: Record<string, number> = {};
  for (const p of def.params) {
    const value = given[p.name] ?? p.default;
    if (typeof value !== 'number' || !Number.isFinite(value)) {
      throw new Error(`feature "${def.name}": ${p.name} must be a finite number, got ${JSON.stringify(value)}`);
    }
    if (p.integer && !Number.isInteger(value)) {
      throw new Error(`feature "${def.name}": ${p.name} must be an integer, got ${value}`);
    }
    if (value < p.min || value > p.max) {
      throw new Error(`feature "${def.name}": ${p.name} must be in ${p.min}..${p.max}, got ${value}`);
    }
    resolved[p.name] = value;
  }
  return resolved;
}

/** `<name>_<param values in params order joined by _>`, or the bare name: rsi_14, macd_12_26_9, logReturn. */
export function featureColumnName(def: FeatureDefinition, params: Record<string, number>): string {
  if (def.params.length === 0) return def.name;
  return [def.name, ...def.params.map((p) => param(def.name, params, p.name))].join('_');
}
