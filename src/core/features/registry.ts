/**
 * The feature registry: a constant array of definitions, each with its parameter schema and
 * defaults. The notebook's features cell and the UI are driven from this list.
 */
import { ema } from './ema';
import { logReturns } from './returns';
import { rsiWilder } from './rsi';
import { sma } from './sma';

export interface FeatureParam {
  name: string;
  default: number;
  min: number;
  max: number;
  integer: boolean;
}

export interface FeatureDefinition {
  name: string;
  label: string;
  /** Frame columns needed, e.g. ['close']. */
  inputs: string[];
  params: FeatureParam[];
  compute(columns: Record<string, Float64Array>, params: Record<string, number>): Float64Array;
}

const period = (defaultValue: number): FeatureParam => ({ name: 'period', default: defaultValue, min: 1, max: 1000, integer: true });

function input(feature: string, columns: Record<string, Float64Array>, name: string): Float64Array {
  const values = columns[name];
  if (!values) {
    throw new Error(`feature "${feature}" needs column "${name}"; the frame has: ${Object.keys(columns).join(', ') || '(no columns)'}`);
  }
  return values;
}

function param(feature: string, params: Record<string, number>, name: string): number {
  const value = params[name];
  if (value === undefined) throw new Error(`feature "${feature}": parameter "${name}" is missing; resolve it with resolveFeatureParams`);
  return value;
}

export const FEATURES: readonly FeatureDefinition[] = [
  {
    name: 'logReturn',
    label: 'Log return',
    inputs: ['close'],
    params: [],
    compute: (columns) => logReturns(input('logReturn', columns, 'close')),
  },
  {
    name: 'sma',
    label: 'Simple moving average',
    inputs: ['close'],
    params: [period(20)],
    compute: (columns, params) => sma(input('sma', columns, 'close'), param('sma', params, 'period')),
  },
  {
    name: 'ema',
    label: 'Exponential moving average',
    inputs: ['close'],
    params: [period(20)],
    compute: (columns, params) => ema(input('ema', columns, 'close'), param('ema', params, 'period')),
  },
  {
    name: 'rsi',
    label: 'RSI (Wilder)',
    inputs: ['close'],
    params: [period(14)],
    compute: (columns, params) => rsiWilder(input('rsi', columns, 'close'), param('rsi', params, 'period')),
  },
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

/** `<name>_<param values in params order joined by _>`, or the bare name: rsi_14, ema_20, logReturn. */
export function featureColumnName(def: FeatureDefinition, params: Record<string, number>): string {
  if (def.params.length === 0) return def.name;
  return [def.name, ...def.params.map((p) => param(def.name, params, p.name))].join('_');
}
