/**
 * The gradient half of the explainers (issue 10), in Node on the wasm backend: model evaluations
 * per second of the batched forward an explainer sends (Executor.predictOutput on the fused wasm
 * engine, the plain-JS engine's forward, tfjs layers predict), of the input gradient (fused backwardInput vs tf.grad), and the time of
 * integrated gradients (64 steps, one window) through the executor's own functions, for the
 * demo's LSTM (32 units, lookback 30, its 3 features) and the reference LSTM(32, lookback 60,
 * 8 features). Weights are the seeded initial ones: speed does not depend on training.
 */
import * as tf from '@tensorflow/tfjs';
import { buildWasm } from '../scripts/build-wasm.mjs';
import type { WindowedData } from '../src/core/executor';
import { backgroundMean, integratedGradients } from '../src/core/explain/integratedGradients';
import { createRng } from '../src/core/rng';
import { selectBackend } from '../src/ml/backend';
import { fusedEngineFor, fusedShapeOf } from '../src/ml/explain/fusedGradients';
import { inputGradients } from '../src/ml/explain/inputGradients';
import { predictOutput } from '../src/ml/explain/predictOutput';
import { layersInputGradients } from '../src/ml/explain/layersGradients';
import { createJsEngine } from '../src/ml/fused';
import { buildRecurrent } from '../src/ml/models/recurrent';
import { resolveTarget, untrainedRecord, type TrainedModel } from '../src/ml/models/types';
import { predict } from '../src/ml/train';
import { lstmSchema } from '../src/spec';
import type { BenchResult } from './node';
import { REFERENCE } from './reference';

const WORKLOADS = [
  { name: 'demo', units: 32, lookback: 30, features: 3 },
  { name: 'reference', units: REFERENCE.units, lookback: REFERENCE.lookback, features: REFERENCE.features },
] as const;
/** Rows per forward call: a Shapley batch of 256 coalitions. */
const ROWS = 256;
const IG_STEPS = 64;

/** Evaluations per second of `run(rows)`, timed over >= 1 s after one warm-up call. */
async function rate(run: () => Promise<unknown> | unknown, rows: number): Promise<number> {
  await run();
  let calls = 0;
  const started = performance.now();
  while (performance.now() - started < 1000 || calls < 3) {
    await run();
    calls++;
  }
  return (calls * rows) / ((performance.now() - started) / 1000);
}

function windows(n: number, lookback: number, features: number, seed: number): WindowedData {
  const rng = createRng(seed);
  return { x: Float32Array.from({ length: n * lookback * features }, () => rng.normal()), y: new Float32Array(n), n, lookback, features, horizon: 1 };
}

export async function explainGradientBenchmarks(log: (line: string) => void = () => {}): Promise<BenchResult[]> {
  await buildWasm({ quiet: true });
  const backend = await selectBackend('wasm');
  const results: BenchResult[] = [];
  for (const w of WORKLOADS) {
    const spec = lstmSchema.parse({ type: 'lstm', units: w.units, lookback: w.lookback, recurrentActivation: 'sigmoid' });
    const target = resolveTarget({ type: 'regression' });
    const shape = { lookback: w.lookback, features: w.features, horizon: 1, target, outputs: 1 };
    const model = buildRecurrent('lstm', spec, shape, 1);
    const trained: TrainedModel = { ...untrainedRecord(spec, target, shape), built: { kind: 'layers', model } };
    try {
      const data = windows(ROWS, w.lookback, w.features, 2);
      const engine = await fusedEngineFor(trained);
      if (!engine || engine.kind !== 'wasm') throw new Error(`bench explain: no fused wasm engine for the ${w.name} LSTM`);
      const jsEngine = createJsEngine(fusedShapeOf(trained, ROWS)!);
      jsEngine.params().set(engine.params());
      const forwardJs = (e: typeof engine) => () => {
        for (let s = 0; s < ROWS; s += e.shape.maxBatch) {
          const rows = Math.min(e.shape.maxBatch, ROWS - s);
          e.x().set(data.x.subarray(s * w.lookback * w.features, (s + rows) * w.lookback * w.features));
          e.forward(rows);
        }
      };
      const rates = {
        forwardFusedWasm: await rate(() => predictOutput(trained, data), ROWS),
        forwardFusedJs: await rate(forwardJs(jsEngine), ROWS),
        forwardTfjs: await rate(() => predict(trained, data), ROWS),
        gradientFusedWasm: await rate(() => inputGradients(trained, data), ROWS),
        gradientTfGrad: await rate(() => layersInputGradients(model, data.x, ROWS, w.lookback, w.features, { output: 0, probability: false }), ROWS),
      };
      const detail = { units: w.units, lookback: w.lookback, features: w.features, rowsPerCall: ROWS, tfjsBackend: backend.backend };
      for (const [key, value] of Object.entries(rates)) {
        results.push({ name: `node.explain.${w.name}.${key}`, value, unit: 'evaluations/s', detail });
        log(`bench explain: ${w.name} ${key}: ${value.toFixed(0)} evaluations/s`);
      }
      // IG of one window: predict (tfjs) for x and the baseline, one gradients batch of 65 path points.
      const background = windows(64, w.lookback, w.features, 3);
      const baseline = backgroundMean(background.x, 64, w.lookback, w.features);
      const one = windows(1, w.lookback, w.features, 4);
      const asData = (batch: Float32Array, rows: number): WindowedData => ({ ...one, x: batch, n: rows, y: new Float32Array(rows) });
      type Batched = (batch: Float32Array, rows: number) => Promise<ArrayLike<number>>;
      const igMs = async (f: Batched, gradients: Batched): Promise<{ ms: number; error: number }> => {
        const run = () => integratedGradients({ x: one.x, n: 1, lookback: w.lookback, features: w.features, baseline, steps: IG_STEPS, tolerance: 0, predict: f, gradients });
        await run();
        const times: number[] = [];
        let error = 0;
        for (let i = 0; i < 5; i++) {
          const started = performance.now();
          error = (await run()).relativeError;
          times.push(performance.now() - started);
        }
        return { ms: times.sort((a, b) => a - b)[2]!, error };
      };
      const fusedIg = await igMs(
        (b, rows) => predictOutput(trained, asData(b, rows)),
        (b, rows) => inputGradients(trained, asData(b, rows)),
      );
      const tfIg = await igMs(
        (b, rows) => predict(trained, asData(b, rows)),
        (b, rows) => layersInputGradients(model, b, rows, w.lookback, w.features, { output: 0, probability: false }),
      );
      for (const [key, ig] of [['fusedWasm', fusedIg], ['tfGrad', tfIg]] as const) {
        results.push({ name: `node.explain.${w.name}.ig64.${key}`, value: ig.ms, unit: 'ms', detail: { ...detail, steps: IG_STEPS, relativeCompletenessError: ig.error, median: 'of 5' } });
        log(`bench explain: ${w.name} IG ${IG_STEPS} steps, one window, ${key}: ${ig.ms.toFixed(1)} ms (completeness ${ig.error.toExponential(1)})`);
      }
    } finally {
      model.dispose();
    }
  }
  log(`bench explain: tensors left ${tf.memory().numTensors}`);
  return results;
}

// `npx tsx bench/explainGradients.ts`: this part alone.
if (import.meta.url === `file://${process.argv[1]}`) {
  const results = await explainGradientBenchmarks((line) => process.stderr.write(`${line}\n`));
  process.stdout.write(`${JSON.stringify(results, null, 2)}\n`);
}
