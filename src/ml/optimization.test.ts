import { describe, expect, it } from 'vitest';
import type { TrainProgress } from '../core/executor';
import { batchReporter, earlyStopping, splitValidation } from './optimization';

const training = { epochs: 10, batchSize: 4, learningRate: 0.01, seed: 1 };

describe('shared training-loop pieces', () => {
  it('validates on the most recent 10% of the windows by default, never all of them', () => {
    expect(splitValidation(100, training)).toEqual({ nTrain: 90, nVal: 10 });
    expect(splitValidation(5, training)).toEqual({ nTrain: 4, nVal: 1 });
    expect(splitValidation(1, training)).toEqual({ nTrain: 1, nVal: 0 });
    expect(splitValidation(100, { ...training, validationFraction: 0 })).toEqual({ nTrain: 100, nVal: 0 });
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
