import type { Frame } from './frame';
import { featureColumnName, findFeature, resolveFeatureParams } from './features/registry';

export interface FeatureRequest {
  name: string;
  /** Apply the feature to this frame column instead of its default input (e.g. logReturn of activeAddresses). */
  column?: string | undefined;
  params: Record<string, unknown>;
}

export interface FeatureTable {
  time: Float64Array;
  names: string[];
  /** One Float64Array per feature, aligned with time; NaN during warm-up. */
  features: Float64Array[];
  /** target[t] = ln(close[t + horizon] / close[t]): the future return a forecast made at the close of t predicts. */
  target: Float64Array;
  targetName: string;
  horizon: number;
  /** First row where every feature is defined. */
  firstComplete: number;
}

function inputColumns(frame: Frame, inputs: string[], column: string | undefined, featureName: string): Record<string, Float64Array> {
  const out: Record<string, Float64Array> = {};
  for (const input of inputs) {
    const source = column && inputs.length === 1 ? column : input;
    const values = frame.columns[source];
    if (!values) {
      throw new Error(`feature ${featureName} needs column "${source}", the data has: ${Object.keys(frame.columns).join(', ')}`);
    }
    out[input] = values;
  }
  return out;
}

export function buildFeatureTable(frame: Frame, requests: FeatureRequest[], horizon: number): FeatureTable {
  const close = frame.columns.close;
  if (!close) throw new Error('the data has no close column, which the target needs');
  const names: string[] = [];
  const features: Float64Array[] = [];
  for (const request of requests) {
    const definition = findFeature(request.name);
    const params = resolveFeatureParams(definition, request.params);
    const values = definition.compute(inputColumns(frame, definition.inputs, request.column, request.name), params);
    const base = featureColumnName(definition, params);
    const name = request.column ? `${base}_${request.column}` : base;
    if (names.includes(name)) throw new Error(`feature ${name} is listed twice`);
    names.push(name);
    features.push(values);
  }
  const n = frame.time.length;
  const target = new Float64Array(n).fill(NaN);
  for (let t = 0; t + horizon < n; t++) target[t] = Math.log(close[t + horizon]! / close[t]!);

  let firstComplete = 0;
  for (const values of features) {
    let first = 0;
    while (first < n && !Number.isFinite(values[first]!)) first++;
    firstComplete = Math.max(firstComplete, first);
  }
  return { time: frame.time, names, features, target, targetName: `logReturn_h${horizon}`, horizon, firstComplete };
}
