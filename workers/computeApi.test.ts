import { afterAll, describe, expect, it } from 'vitest';
import type { WindowedData } from '../src/core/executor';
import { createComputeApi } from './computeApi';

const api = createComputeApi({ post: () => undefined });
afterAll(() => api.dispose());

const data: WindowedData = { x: new Float32Array(8 * 4 * 2), y: new Float32Array(8), n: 8, lookback: 4, features: 2, horizon: 1 };
const training = { epochs: 1, batchSize: 4, learningRate: 0.01, seed: 1 };

describe('the compute worker checks every model spec with its declaration', () => {
  it('rejects a bad spec before training, naming the field by its path', async () => {
    await api.init('cpu');
    await expect(api.train({ type: 'lstm', lookback: 4, units: 0 }, training, data, undefined, 'bad-units')).rejects.toThrow(
      'model.units: Too small: expected number to be >=1',
    );
    const members = [{ type: 'ridge' as const, lookback: 3 }];
    await expect(api.train({ type: 'ensemble', lookback: 4, members }, training, data, undefined, 'bad-member')).rejects.toThrow(
      "model.members[0].lookback: must equal the ensemble's lookback 4",
    );
    await expect(api.train({ type: 'ridge', lookback: 4 }, { ...training, learningRate: 2 }, data, undefined, 'bad-lr')).rejects.toThrow(
      'training.learningRate: Too big: expected number to be <=1',
    );
  });

  it('fills the defaults of a valid spec and trains it', async () => {
    const handle = await api.train({ type: 'ridge', lookback: 4 }, training, data, undefined, 'ok');
    expect(handle.backend).toBe('cpu');
    await api.release(handle);
  });
});
