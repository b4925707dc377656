/**
 * Executor.predictOutput: one column of predict for every window, the value the explainers
 * explain. LSTM/GRU run the fused engine's inference forward (the engine fusedGradients.ts keeps
 * per model; equal to the tfjs layers to 1e-6), in chunks that yield so a cancel can arrive;
 * every other model goes through predict.
 */
import { CancelledError, type GradientOptions, type WindowedData } from '../../core/executor';
import type { TrainedModel } from '../models/types';
import { yieldToEventLoop } from '../optimization';
import { predict } from '../train';
import { fusedEngineFor } from './fusedGradients';
import { checkRequest } from './inputGradients';
import { exp } from '../../core/math';

export async function predictOutput(trained: TrainedModel, data: WindowedData, options: GradientOptions = {}): Promise<Float32Array> {
  const output = options.output ?? 0;
  checkRequest(trained, data, output);
  const { n } = data;
  const out = new Float32Array(n);
  const engine = await fusedEngineFor(trained);
  if (!engine) {
    const all = await predict(trained, data);
    for (let r = 0; r < n; r++) out[r] = all[r * trained.outputs + output]!;
    options.onProgress?.({ done: n, total: n });
    return out;
  }
  const { maxBatch, outputs } = engine.shape;
  const stride = data.lookback * data.features;
  const probability = trained.target.type === 'direction';
  for (let start = 0; start < n; start += maxBatch) {
    if (options.signal?.aborted) throw new CancelledError();
    const rows = Math.min(maxBatch, n - start);
    engine.x().set(data.x.subarray(start * stride, (start + rows) * stride));
    engine.forward(rows);
    const raw = engine.out();
    for (let r = 0; r < rows; r++) {
      const v = raw[r * outputs + output]!;
      out[start + r] = probability ? 1 / (1 + exp(-v)) : v;
    }
    options.onProgress?.({ done: start + rows, total: n });
    if (start + rows < n) await yieldToEventLoop();
  }
  return out;
}
