import type { TrainProgress } from '../../core/executor';
import type { TrainingCellSpec } from '../schema';

/**
 * Training that diverged is marked, never reported as a result. Training targets are scaled, so
 * a zero forecast has a known loss (`zeroForecastLoss`); measured against it:
 * - a non-finite loss or forecast: diverged;
 * - an epoch's mean loss above UNSTABLE x the zero forecast's: the optimizer overshoots (on the
 *   demo market a learning rate of 1 gives 4-26x, 0.3 at most 2.7x, 0.1 and below at most 1.2x);
 * - a fold's out-of-sample R² below MIN_R2.
 */
const UNSTABLE = 4;
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

export function divergenceWatch(reference: number): DivergenceWatch {
  let found: string | undefined;
  return {
    observe(p) {
      if (found) return;
      const member = p.member !== undefined ? ` (ensemble member ${p.member + 1})` : '';
      if (!Number.isFinite(p.loss)) {
        found = `loss became ${p.loss} at epoch ${p.epoch}${member}`;
        return;
      }
      const epochLoss = p.batch === p.batches ? p.epochLoss : undefined;
      if (epochLoss !== undefined && reference > 0 && epochLoss > UNSTABLE * reference) {
        found = `loss ${epochLoss.toPrecision(3)} at epoch ${p.epoch}${member} is ${(epochLoss / reference).toFixed(1)}x a zero forecast's (${reference.toPrecision(3)}): lower training.learningRate`;
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
