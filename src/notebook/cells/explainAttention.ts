/**
 * The attention model's own account of where it looked, beside the attributions: its attention
 * weights (Executor.attentionWeights: averaged over blocks, heads and queries) summed per lag over
 * the explained windows. Not an attribution: it says which bars were read, not how they moved
 * the forecast.
 */
import type { Executor } from '../../core/executor';
import type { FeatureTable } from '../../core/featureTable';
import type { ExplainReport } from '../explainReport';
import type { FoldModel } from './explainModel';
import type { ChosenWindow } from './explainWindows';

export interface AttentionSum {
  /** Per lag (0 = the newest bar), the sum over windows of the weight paid to it. */
  byLag: Float64Array;
  windows: number;
}

export async function addAttention(into: AttentionSum | null, executor: Executor, fm: FoldModel, chosen: readonly ChosenWindow[], table: FeatureTable, signal?: AbortSignal): Promise<AttentionSum> {
  const { lookback, features } = fm.data.test;
  const width = lookback * features;
  const x = new Float32Array(chosen.length * width);
  chosen.forEach((c, i) => x.set(fm.data.test.x.subarray(c.index * width, (c.index + 1) * width), i * width));
  const data = { x, y: new Float32Array(chosen.length * table.steps), n: chosen.length, lookback, features, horizon: table.steps };
  const weights = await executor.attentionWeights(fm.handle, data, signal ? { signal } : {});
  const sum = into ?? { byLag: new Float64Array(lookback), windows: 0 };
  // Column t of a window's row is its step t; step lookback - 1 is the newest bar, lag 0.
  for (let r = 0; r < chosen.length; r++) for (let t = 0; t < lookback; t++) sum.byLag[lookback - 1 - t]! += weights[r * lookback + t]!;
  sum.windows += chosen.length;
  return sum;
}

export function attentionReport(sum: AttentionSum): NonNullable<ExplainReport['attention']> {
  return { byLag: Array.from(sum.byLag, (s) => s / sum.windows), windows: sum.windows };
}
