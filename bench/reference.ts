/** The reference training workload, shared by the Node and the browser benchmarks. */
import type { WindowedData } from '../src/core/executor';
import { createRng } from '../src/core/rng';

/** ARCHITECTURE/PITFALLS: lookback 60, 8 features, 32 units, batch 64, 2048 samples. */
export const REFERENCE = { samples: 2048, lookback: 60, features: 8, units: 32, batchSize: 64 };

export function referenceData(seed = 1): WindowedData {
  const rng = createRng(seed);
  const { samples, lookback, features } = REFERENCE;
  const x = Float32Array.from({ length: samples * lookback * features }, () => rng.normal());
  const y = Float32Array.from({ length: samples }, () => rng.normal());
  return { x, y, n: samples, lookback, features, horizon: 1 };
}

/** Training FLOPs per sample for an LSTM: 3 (forward + backward) x 8h(h+x) x T. */
export function lstmTrainingFlopsPerSample(h: number, x: number, t: number): number {
  return 3 * 8 * h * (h + x) * t;
}

/** Generated 1-minute candle rows as CSV text (the CSV-parsing benchmarks, Node and browser). */
export function benchCsvText(rows: number): string {
  const rng = createRng(5);
  const lines = ['time,open,high,low,close,volume'];
  let price = 30_000;
  for (let i = 0; i < rows; i++) {
    price *= Math.exp(0.001 * rng.normal());
    lines.push(`${1_600_000_000 + i * 60},${price},${price * 1.001},${price * 0.999},${price},${(rng.next() * 10).toFixed(4)}`);
  }
  return lines.join('\n');
}
