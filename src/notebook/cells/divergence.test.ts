import { describe, expect, it } from 'vitest';
import type { TrainProgress } from '../../core/executor';
import { divergenceVerdict, divergenceWatch, forecastDivergence, metricsDivergence, zeroForecastLoss } from './divergence';

/** Progress events of `epochs` epochs of 2 batches: first batch loss `start`, then each epoch's mean. */
function events(start: number, epochLosses: number[], member?: number): TrainProgress[] {
  return epochLosses.flatMap((epochLoss, e) => [
    { epoch: e + 1, epochs: epochLosses.length, batch: 1, batches: 2, loss: e === 0 ? start : epochLoss, samplesPerSecond: 1, ...(member !== undefined ? { member } : {}) },
    { epoch: e + 1, epochs: epochLosses.length, batch: 2, batches: 2, loss: epochLoss, epochLoss, samplesPerSecond: 1, ...(member !== undefined ? { member } : {}) },
  ]);
}

function verdict(reference: number, list: TrainProgress[]): string | undefined {
  const watch = divergenceWatch(reference);
  list.forEach((p) => watch.observe(p));
  return watch.verdict();
}

describe('divergence', () => {
  it('marks a NaN loss with its epoch, an explosion, and a rise above the start', () => {
    expect(verdict(1, events(1, [0.9, NaN]))).toBe('loss became NaN at epoch 2');
    expect(verdict(1, events(1.1, [2e3]))).toMatch(/^training loss exploded to 2\.00e\+3 at epoch 1, 2\.00e\+3x a zero forecast's/);
    expect(verdict(1, events(1.3, [5.35, 2, 1.9]))).toBe("training loss rose to 5.35 at epoch 1, 4.1x where it started (1.30): the optimizer overshoots; lower training.learningRate");
  });

  it('passes a slow start that comes down, and a noisy but sane training', () => {
    expect(verdict(1, events(4.5, [4, 2.3, 1.3, 1.1]))).toBeUndefined();
    expect(verdict(1, events(1.3, [1.6, 1.1, 1.3, 1.0]))).toBeUndefined();
  });

  it('measures each ensemble member from its own start', () => {
    expect(verdict(1, [...events(5, [4, 2], 0), ...events(1, [1.5, 1.2], 1)])).toBeUndefined();
    expect(verdict(1, [...events(1, [0.9, 0.9], 0), ...events(1, [3, 2], 1)])).toMatch(/at epoch 1 \(ensemble member 2\), 3\.0x where it started/);
  });

  it('marks non-finite forecasts and an R² below -100; the verdict names the folds', () => {
    expect(forecastDivergence([0.1, Infinity])).toBe('forecast 2 of 2 is Infinity');
    expect(forecastDivergence([0.1, -0.2])).toBeUndefined();
    expect(metricsDivergence(-523)).toBe('out-of-sample R² -523 is below -100');
    expect(metricsDivergence(-99)).toBeUndefined();
    expect(metricsDivergence(null)).toBeUndefined();
    expect(divergenceVerdict([{ index: 0 }, { index: 1, diverged: 'x' }])).toEqual({
      folds: [1],
      sentence: '1 of 2 folds diverged (fold 2: x); their forecasts are not results, and the metrics and backtest that include them are not either',
    });
    expect(divergenceVerdict([{ index: 0 }])).toBeUndefined();
  });

  it('knows a zero forecast\'s loss for every objective', () => {
    const y = Float32Array.from([1, -1, 2, -2]);
    expect(zeroForecastLoss(y, { objective: 'regression', quantiles: [] })).toBe(2.5);
    expect(zeroForecastLoss(y, { objective: 'direction', quantiles: [] })).toBe(Math.LN2);
    // Pinball at q = 0.5 is half the absolute value: mean 0.75.
    expect(zeroForecastLoss(y, { objective: 'quantile', quantiles: [0.5] })).toBe(0.75);
  });
});
