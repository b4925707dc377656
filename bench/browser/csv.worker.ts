/** CSV parsing throughput in a worker: `parseCsvSeries` on generated candle rows. */
import { createRng } from '../../src/core/rng';
import { parseCsvSeries } from '../../src/sources/csv';

self.onmessage = (event: MessageEvent<{ rows: number }>) => {
  const { rows } = event.data;
  const rng = createRng(5);
  const lines = ['time,open,high,low,close,volume'];
  let price = 30_000;
  for (let i = 0; i < rows; i++) {
    price *= Math.exp(0.001 * rng.normal());
    lines.push(`${1_600_000_000 + i * 60},${price},${price * 1.001},${price * 0.999},${price},${(rng.next() * 10).toFixed(4)}`);
  }
  const text = lines.join('\n');
  const started = performance.now();
  parseCsvSeries(text, { name: 'bench.csv' });
  const seconds = (performance.now() - started) / 1000;
  self.postMessage({ rows, megabytes: text.length / 1e6, seconds, rowsPerSecond: rows / seconds });
};
