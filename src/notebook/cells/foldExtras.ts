import type { TrainProgress } from '../../core/executor';
import type { Windows } from '../../core/windows';
import { CALIBRATION_MAX } from './diagnostics.decl';

/** The model's forecasts of its last training windows (return units), by the row each predicts from. */
export interface Calibration {
  rows: number[];
  predicted: number[];
}

/** Training and validation-tail loss per epoch (index 0: epoch 1); `val` is empty without a validation tail. */
export interface EpochCurve {
  train: number[];
  val: number[];
}

/** A copy of the last `max` windows (the calibration tail; the caller picks its size later from these). */
export function calibrationTail(windows: Windows, max = CALIBRATION_MAX): Windows {
  const m = Math.min(max, windows.n);
  const from = windows.n - m;
  const xStride = windows.lookback * windows.features;
  return {
    ...windows,
    n: m,
    x: windows.x.slice(from * xStride),
    y: windows.y.slice(from * windows.horizon),
    rows: windows.rows.slice(from),
  };
}

/** Collects the epoch losses from the trainer's progress (the first member's, for an ensemble). */
export function curveRecorder() {
  const train: number[] = [];
  const val: number[] = [];
  return {
    observe(p: TrainProgress): void {
      if (p.batch !== p.batches || (p.member ?? 0) !== 0) return;
      train[p.epoch - 1] = p.epochLoss ?? p.loss;
      if (p.valLoss !== undefined) val[p.epoch - 1] = p.valLoss;
    },
    epochs: () => train.length,
    value: (): EpochCurve => ({ train: Array.from(train, (v) => v ?? NaN), val: Array.from(val, (v) => v ?? NaN) }),
  };
}
