/**
 * The gates view of a saved LSTM or GRU model: for the window ending at a chosen date, the gate
 * activations, cell and hidden state of its first recurrent layer at each step, computed by the
 * fused JS engine's forward pass on the saved weights, with the window's input features.
 */
import { unitsToDraw } from '../core/diagnostics/unitSelection';
import { applyScaler } from '../core/scaler';
import type * as tf from '@tensorflow/tfjs';
import { firstRecurrentWeights } from '../ml/fused/gateWeights';
import { recurrentStates } from '../ml/fused/gates';
import { foldFitOf, type DeployedModelMeta } from '../notebook/deployedModel';
import { finalModelCells } from '../notebook/finalModel';
import { computeFeatureTable } from '../notebook/runner';
import type { LoadData } from './notebookData';

export interface GatesView {
  modelId: string;
  cell: 'lstm' | 'gru';
  /** The window's bars, oldest first (ISO). */
  times: string[];
  /** The bars a window may end at: from the first complete window to the last bar (ISO dates). */
  range: { first: string; last: string };
  /** The window's input features as the data has them (before scaling). */
  inputs: { name: string; values: (number | null)[] }[];
  /** Unit indices drawn, and why not all when so. */
  units: number[];
  note: string | null;
  /** Gates, then cell and hidden state: values[u][t] for the u-th drawn unit. */
  series: { name: string; values: number[][] }[];
}

const DAY_MS = 86_400_000;
const iso = (ms: number) => new Date(ms).toISOString();

export async function computeGates(saved: { meta: DeployedModelMeta; model: { parts: readonly tf.io.ModelArtifacts[] } }, date: string | null, loadData: LoadData): Promise<GatesView> {
  const { meta } = saved;
  const doc = meta.notebook.doc;
  const { model } = finalModelCells(doc);
  if (model.type !== 'lstm' && model.type !== 'gru') throw new Error(`gates are drawn for LSTM and GRU models; "${meta.name}" is ${model.type}`);
  const { table } = await computeFeatureTable(doc, { loadData });
  const T = meta.lookback;
  const F = table.names.length;
  const H = model.units;
  const first = table.firstComplete + T - 1;
  const lastRow = table.time.length - 1;
  let row = lastRow;
  if (date) {
    const until = Date.parse(date) + DAY_MS - 1;
    if (!Number.isFinite(until)) throw new Error(`gates: "${date}" is not a date (use YYYY-MM-DD)`);
    while (row > first && table.time[row]! > until) row--;
  }
  if (row < first) throw new Error(`gates: the data has no complete window of ${T} bars; the first ends ${iso(table.time[first] ?? 0).slice(0, 10)}`);
  const scaled = applyScaler(foldFitOf(meta.fit).featureScaler, table.features);
  const window = new Float32Array(T * F);
  for (let t = 0; t < T; t++) for (let c = 0; c < F; c++) window[t * F + c] = scaled[c]![row - T + 1 + t]!;
  if (window.some((v) => !Number.isFinite(v))) throw new Error(`gates: the window ending ${iso(table.time[row]!).slice(0, 10)} has missing feature values; pick a later date`);
  const part = saved.model.parts[0];
  if (!part) throw new Error(`saved model "${meta.name}" has no network weights; train and save it again`);
  const weights = firstRecurrentWeights(part, F, H, model.type === 'lstm' ? 4 : 3);
  const states = recurrentStates({ cell: model.type, units: H, features: F, lookback: T, hardSigmoid: model.recurrentActivation === 'hardSigmoid' }, weights, window);
  const hidden = states[states.length - 1]!.values;
  const picked = unitsToDraw(hidden, T, H);
  const rows = Array.from({ length: T }, (_, t) => row - T + 1 + t);
  const layersNote = model.layers > 1 ? `the first of ${model.layers} layers` : null;
  return {
    modelId: meta.id,
    cell: model.type,
    times: rows.map((r) => iso(table.time[r]!)),
    range: { first: iso(table.time[first]!).slice(0, 10), last: iso(table.time[lastRow]!).slice(0, 10) },
    inputs: table.names.map((name, c) => ({ name, values: rows.map((r) => (Number.isFinite(table.features[c]![r]!) ? table.features[c]![r]! : null)) })),
    units: picked.units,
    note: [picked.note, layersNote].filter((n): n is string => n !== null).join('; ') || null,
    series: states.map((s) => ({ name: s.name, values: picked.units.map((j) => rows.map((_, t) => s.values[t * H + j]!)) })),
  };
}
