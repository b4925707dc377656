/**
 * The gates view of a saved LSTM or GRU model: for the window ending at a chosen date, the gate
 * activations, cell and hidden state of its first recurrent layer at each step, computed by the
 * fused JS engine's forward pass on the saved weights, with the window's input features.
 */
import { applyScaler } from '../core/scaler';
import type * as tf from '@tensorflow/tfjs';
import { firstRecurrentWeights } from '../ml/fused/gateWeights';
import { recurrentStates } from '../ml/fused/gates';
import { foldFitOf, type DeployedModelMeta } from '../notebook/deployedModel';
import { finalModelCells } from '../notebook/finalModel';
import { assembleGatesView, rowAtOrBefore, type GatesView } from '../notebook/gates/gatesView';
import { computeFeatureTable } from '../notebook/runner';
import type { LoadData } from './notebookData';

/** A saved model's gates view: the shared view and the model it belongs to. */
export interface SavedModelGates extends GatesView {
  modelId: string;
}

const iso = (ms: number) => new Date(ms).toISOString();

export async function computeGates(saved: { meta: DeployedModelMeta; model: { parts: readonly tf.io.ModelArtifacts[] } }, date: string | null, loadData: LoadData): Promise<SavedModelGates> {
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
  const row = date ? Math.max(first, rowAtOrBefore(table.time, date) ?? first) : lastRow;
  if (row < first || first > lastRow) throw new Error(`gates: the data has no complete window of ${T} bars; the first ends ${iso(table.time[first] ?? 0).slice(0, 10)}`);
  const scaled = applyScaler(foldFitOf(meta.fit).featureScaler, table.features);
  const window = new Float32Array(T * F);
  for (let t = 0; t < T; t++) for (let c = 0; c < F; c++) window[t * F + c] = scaled[c]![row - T + 1 + t]!;
  if (window.some((v) => !Number.isFinite(v))) throw new Error(`gates: the window ending ${iso(table.time[row]!).slice(0, 10)} has missing feature values; pick a later date`);
  const part = saved.model.parts[0];
  if (!part) throw new Error(`saved model "${meta.name}" has no network weights; train and save it again`);
  const weights = firstRecurrentWeights(part, F, H, model.type === 'lstm' ? 4 : 3);
  const series = recurrentStates({ cell: model.type, units: H, features: F, lookback: T, hardSigmoid: model.recurrentActivation === 'hardSigmoid' }, weights, window);
  const states = new Float32Array(series.length * T * H);
  series.forEach((s, k) => states.set(s.values, k * T * H));
  const view = assembleGatesView(table, {
    cell: model.type,
    units: H,
    row,
    lookback: T,
    states,
    range: { first: table.time[first]!, last: table.time[lastRow]! },
    notes: model.layers > 1 ? [`the first of ${model.layers} layers`] : [],
  });
  return { ...view, modelId: meta.id };
}
