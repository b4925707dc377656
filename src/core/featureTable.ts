import type { Frame } from './frame';
import type { FeatureDefinition } from './features/definition';
import { featureColumnName, findFeature, resolveFeatureParams } from './features/registry';
import { log } from './math';

export interface FeatureRequest {
  name: string;
  /** Apply the feature to this frame column instead of its default input (e.g. logReturn of activeAddresses). */
  column?: string | undefined;
  /** Input role -> frame column, for features with several inputs (ratio: numerator, denominator). */
  columns?: Record<string, string> | undefined;
  params: Record<string, unknown>;
}

export interface FeatureTable {
  time: Float64Array;
  names: string[];
  /** One Float64Array per feature, aligned with time; NaN during warm-up. */
  features: Float64Array[];
  /**
   * The future return a forecast made at the close of t predicts. Cumulative targets:
   * target[t] = ln(close[t + horizon] / close[t]). Path targets: the next bar's return
   * ln(close[t + 1] / close[t]), and a sample at t learns target[t .. t + horizon - 1].
   */
  target: Float64Array;
  targetName: string;
  /** Bars past t that a sample's targets reach (the purge and the unscored tail depend on it). */
  horizon: number;
  /** Outputs per sample: 1 (cumulative), or horizon (path: one return per step ahead, direct multi-output). */
  steps: number;
  /** First row where every feature is defined. */
  firstComplete: number;
}

export interface TargetRequest {
  horizon: number;
  /** 'cumulative' (default): one k-bar return; 'path': the k next-bar returns, one output each. */
  output?: 'cumulative' | 'path' | undefined;
}

/** Bars one target value spans: the forecast overlap a test of forecast errors must allow for. */
export function targetBars(table: Pick<FeatureTable, 'horizon' | 'steps'>): number {
  return table.horizon - table.steps + 1;
}

function inputColumns(frame: Frame, definition: FeatureDefinition, request: FeatureRequest): Record<string, Float64Array> {
  const out: Record<string, Float64Array> = {};
  const { inputs } = definition;
  for (const role of Object.keys(request.columns ?? {})) {
    if (!inputs.includes(role)) throw new Error(`feature ${request.name} has no input "${role}"; its inputs are: ${inputs.join(', ')}`);
  }
  for (const role of inputs) {
    const source =
      request.columns?.[role] ?? (request.column && inputs.length === 1 ? request.column : undefined) ?? definition.defaultColumns?.[role] ?? role;
    const values = frame.columns[source];
    if (!values) {
      const hint = definition.defaultColumns?.[role] || source !== role ? '' : ` (map it: "columns": { "${role}": "<column>" })`;
      throw new Error(`feature ${request.name} needs column "${source}"${hint}; the data has: ${Object.keys(frame.columns).join(', ')}`);
    }
    out[role] = values;
  }
  return out;
}

function columnSuffix(request: FeatureRequest): string {
  if (request.columns) return Object.values(request.columns).map((c) => `_${c}`).join('');
  return request.column ? `_${request.column}` : '';
}

export function buildFeatureTable(frame: Frame, requests: FeatureRequest[], targetRequest: number | TargetRequest): FeatureTable {
  const { horizon, output = 'cumulative' } = typeof targetRequest === 'number' ? { horizon: targetRequest } : targetRequest;
  if (!Number.isInteger(horizon) || horizon < 1) throw new Error(`the target horizon must be an integer >= 1, got ${horizon}`);
  const span = output === 'path' ? 1 : horizon;
  const close = frame.columns.close;
  if (!close) throw new Error('the data has no close column, which the target needs');
  const names: string[] = [];
  const features: Float64Array[] = [];
  for (const request of requests) {
    const definition = findFeature(request.name);
    const params = resolveFeatureParams(definition, request.params);
    const values = definition.compute(inputColumns(frame, definition, request), params, frame.time);
    const base = featureColumnName(definition, params);
    const name = `${base}${columnSuffix(request)}`;
    if (names.includes(name)) throw new Error(`feature ${name} is listed twice`);
    names.push(name);
    features.push(values);
  }
  const n = frame.time.length;
  const target = new Float64Array(n).fill(NaN);
  for (let t = 0; t + span < n; t++) target[t] = log(close[t + span]! / close[t]!);

  let firstComplete = 0;
  for (const values of features) {
    let first = 0;
    while (first < n && !Number.isFinite(values[first]!)) first++;
    firstComplete = Math.max(firstComplete, first);
  }
  const steps = output === 'path' ? horizon : 1;
  return { time: frame.time, names, features, target, targetName: `logReturn_h${span}`, horizon, steps, firstComplete };
}
