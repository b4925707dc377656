/**
 * Learning curves of one training: the mean training loss and the validation-tail loss per epoch,
 * the epoch whose weights early stopping kept, and the diagnosis in words where the curves make it
 * clear. Thresholds are stated in the sentences so a reader can check them against the chart.
 */

export interface LearningCurve {
  /** Mean training loss of each epoch (1-based epochs: index 0 is epoch 1). */
  train: number[];
  /** Validation-tail loss of each epoch; empty without a validation tail. */
  val: number[];
  /** The epoch (1-based) with the lowest validation loss, whose weights were kept; null without validation. */
  bestEpoch: number | null;
}

export type Diagnosis = 'over-fitting' | 'still improving' | 'not learning' | 'no clear sign' | 'too short';

/** Relative change that counts as a rise or a fall. */
const RISE = 0.05;
const FALL = 0.01;
const FLAT = 0.02;

/** The first epoch (1-based) of the lowest finite value; null when there is none. */
export function bestEpochOf(val: readonly number[]): number | null {
  let best: number | null = null;
  val.forEach((v, i) => {
    if (Number.isFinite(v) && (best === null || v < val[best - 1]!)) best = i + 1;
  });
  return best;
}

const pct = (x: number) => `${(x * 100).toFixed(0)}%`;

export function diagnoseLearningCurve(curve: Pick<LearningCurve, 'train' | 'val'>): { diagnosis: Diagnosis; sentence: string } {
  const { train, val } = curve;
  const epochs = train.length;
  if (epochs < 3) return { diagnosis: 'too short', sentence: `Too few epochs (${epochs}) to judge the curves.` };
  const last = train[epochs - 1]!;
  const first = train[0]!;
  const best = bestEpochOf(val);
  if (best !== null && val.length >= 3) {
    const lastVal = val[val.length - 1]!;
    const bestVal = val[best - 1]!;
    const trainAtBest = train[best - 1]!;
    if (best < val.length && lastVal > bestVal * (1 + RISE) && train[val.length - 1]! < trainAtBest) {
      return {
        diagnosis: 'over-fitting',
        sentence: `Over-fitting: after epoch ${best} the validation loss rose ${pct(lastVal / bestVal - 1)} while the training loss kept falling; the weights of epoch ${best} were kept.`,
      };
    }
  }
  if (Math.abs(first - last) <= FLAT * Math.abs(first)) {
    return {
      diagnosis: 'not learning',
      sentence: `Not learning: the training loss changed by less than ${pct(FLAT)} over ${epochs} epochs; returns may hold little to learn, or the learning rate is too low.`,
    };
  }
  const recent = train[epochs - 3]!;
  const stillFalling = last < recent * (1 - FALL) && (best === null || best === val.length);
  if (stillFalling) {
    return {
      diagnosis: 'still improving',
      sentence: `Still improving: the training loss${best !== null ? ' and the validation loss' : ''} fell over the last epochs; more epochs may help (under-fitting).`,
    };
  }
  return { diagnosis: 'no clear sign', sentence: 'No clear sign of over- or under-fitting: the curves levelled off.' };
}
