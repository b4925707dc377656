import type { TrainProgress } from '../../core/executor';
import type { TrainingCellSpec } from '../schema';

/**
 * Training that diverged is marked, never reported as a result. Targets are scaled per fold, so
 * a zero forecast has a known loss (`zeroForecastLoss`). A fold diverged when:
 * - a loss or a forecast is not finite, or an epoch's loss exceeds EXPLODED x the zero forecast's;
 * - an epoch's mean loss ROSE x above where training started (the first batch's loss, before
 *   any step, or the zero forecast's if higher): the optimizer overshoots. Measured on the demo
 *   market over 6 epochs: LSTM at learning rate 1 rises 2.2-8.9x, GRU 12-19x, MLP over 6,000x,
 *   attention at 0.1 2.3-7.7x; at sane rates (LSTM 0.3 and below, GRU 0.1, MLP 0.1 and below
 *   with or without dropout, attention 0.003) at most 1.42x. A slow start (a high first loss
 *   that comes down, as an MLP's does) is not a rise;
 * - a fold's out-of-sample R² is below MIN_R2.
 */
const EXPLODED = 1000;
const ROSE = 1.8;
export const MIN_R2 = -100;

/** Mean loss of forecasting 0 for every scaled target, in the training objective's loss. */
export function zeroForecastLoss(y: Float32Array, training: Pick<TrainingCellSpec, 'objective' | 'quantiles'>): number {
  if (training.objective === 'direction') return Math.LN2;
  let sum = 0;
  for (const value of y) {
    if (training.objective === 'regression') sum += value * value;
    else for (const q of training.quantiles) sum += (value >= 0 ? q * value : (q - 1) * value) / training.quantiles.length;
  }
  return y.length > 0 ? sum / y.length : NaN;
}

export interface DivergenceWatch {
  observe(progress: TrainProgress): void;
  /** Why the training diverged, or undefined. */
  verdict(): string | undefined;
}

/** Watches a training's progress events; `reference` is a zero forecast's loss on its targets. */
export function divergenceWatch(reference: number): DivergenceWatch {
  let found: string | undefined;
  // Ensemble members train one after the other, each from its own start.
  const start = new Map<number, number>();
  return {
    observe(p) {
      if (found) return;
      const member = p.member ?? -1;
      const who = p.member !== undefined ? ` (ensemble member ${p.member + 1})` : '';
      if (!Number.isFinite(p.loss)) {
        found = `loss became ${p.loss} at epoch ${p.epoch}${who}`;
        return;
      }
      if (!start.has(member)) start.set(member, Math.max(p.loss, reference > 0 ? reference : 0));
      if (p.batch !== p.batches || p.epochLoss === undefined) return;
      const from = start.get(member)!;
      if (reference > 0 && p.epochLoss > EXPLODED * reference) {
        found = `training loss exploded to ${p.epochLoss.toPrecision(3)} at epoch ${p.epoch}${who}, ${(p.epochLoss / reference).toPrecision(3)}x a zero forecast's: lower training.learningRate`;
      } else if (from > 0 && p.epochLoss > ROSE * from) {
        found = `training loss rose to ${p.epochLoss.toPrecision(3)} at epoch ${p.epoch}${who}, ${(p.epochLoss / from).toFixed(1)}x where it started (${from.toPrecision(3)}): the optimizer overshoots; lower training.learningRate`;
      }
    },
    verdict: () => found,
  };
}

export function forecastDivergence(points: readonly number[]): string | undefined {
  const bad = points.findIndex((p) => !Number.isFinite(p));
  return bad >= 0 ? `forecast ${bad + 1} of ${points.length} is ${points[bad]}` : undefined;
}

export function metricsDivergence(r2: number | null): string | undefined {
  return r2 !== null && r2 < MIN_R2 ? `out-of-sample R² ${r2.toPrecision(3)} is below ${MIN_R2}` : undefined;
}

/** The run-level verdict: which folds diverged, in a sentence the results show above the metrics. */
export function divergenceVerdict(folds: readonly { index: number; diverged?: string | undefined }[]) {
  const diverged = folds.filter((f) => f.diverged !== undefined);
  if (diverged.length === 0) return undefined;
  const first = diverged[0]!;
  return {
    folds: diverged.map((f) => f.index),
    sentence:
      `${diverged.length} of ${folds.length} fold${folds.length === 1 ? '' : 's'} diverged (fold ${first.index + 1}: ${first.diverged}); ` +
      'their forecasts are not results, and the metrics and backtest that include them are not either',
  };
}
