import { describe, expect, it } from 'vitest';
import type { TrainProgress } from '../core/executor';
import { batchReporter, earlyStopping, splitValidation, validationPurge } from './optimization';

const training = { epochs: 10, batchSize: 4, learningRate: 0.01, seed: 1 };

describe('shared training-loop pieces', () => {
  it('validates on the most recent 10% of the windows by default, never all of them', () => {
    expect(splitValidation(100, training)).toEqual({ nTrain: 90, nVal: 10, valStart: 90 });
    expect(splitValidation(5, training)).toEqual({ nTrain: 4, nVal: 1, valStart: 4 });
    expect(splitValidation(1, training)).toEqual({ nTrain: 1, nVal: 0, valStart: 1 });
    expect(splitValidation(100, { ...training, validationFraction: 0 })).toEqual({ nTrain: 100, nVal: 0, valStart: 100 });
  });

  it('purges lookback + horizon - 1 windows between the training part and the validation tail', () => {
    // 100 windows, lookback 8, horizon 3: 10 validate (90..99), 10 are purged (80..89), 80 train.
    const purge = validationPurge(training, { lookback: 8, horizon: 3 });
    expect(purge).toBe(10);
    expect(splitValidation(100, training, purge)).toEqual({ nTrain: 80, nVal: 10, valStart: 90 });
    expect(validationPurge({ ...training, validationPurge: 14 }, { lookback: 8, horizon: 1 })).toBe(14);
    // Too few windows for a purged tail: no tail, every window trains.
    expect(splitValidation(12, training, 11)).toEqual({ nTrain: 12, nVal: 0, valStart: 12 });
  });

  it('reports each batch with the size-weighted mean loss of the epoch so far', () => {
    const events: TrainProgress[] = [];
    const report = batchReporter({ onProgress: (p) => events.push(p) }, 2, 2);
    report({ epoch: 0, batch: 0, size: 4, loss: 1, learningRate: 0.1, valLoss: undefined });
    report({ epoch: 0, batch: 1, size: 2, loss: 4, learningRate: 0.1, valLoss: 0.5 });
    report({ epoch: 1, batch: 0, size: 4, loss: 3, learningRate: 0.1, valLoss: undefined });
    expect(events.map((e) => [e.epoch, e.batch, e.loss, e.epochLoss, e.valLoss])).toEqual([
      [1, 1, 1, 1, undefined],
      [1, 2, 4, 2, 0.5],
      [2, 1, 3, 3, undefined],
    ]);
  });

  it('early stopping keeps the best epoch and stops after `patience` epochs without improvement', () => {
    const trained = { valLoss: [] as number[], bestEpoch: 0, stoppedEarly: false };
    const stopping = earlyStopping({ ...training, patience: 2 }, trained);
    expect([3, 2, 2.5, 1.5, 1.6, 1.7].map((v, epoch) => stopping.observe(epoch, v))).toEqual(['improved', 'improved', 'wait', 'improved', 'wait', 'stop']);
    expect(trained).toEqual({ valLoss: [3, 2, 2.5, 1.5, 1.6, 1.7], bestEpoch: 4, stoppedEarly: true });
    expect(stopping.lastIsWorse).toBe(true);
  });
});
