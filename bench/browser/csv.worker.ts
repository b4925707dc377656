/** CSV parsing throughput in a worker: `parseCsvSeries` on generated candle rows. */
import { benchCsvText } from '../reference';
import { parseCsvSeries } from '../../src/sources/csv';

self.onmessage = (event: MessageEvent<{ rows: number }>) => {
  const { rows } = event.data;
  const text = benchCsvText(rows);
  const started = performance.now();
  parseCsvSeries(text, { name: 'bench.csv' });
  const seconds = (performance.now() - started) / 1000;
  self.postMessage({ rows, megabytes: text.length / 1e6, seconds, rowsPerSecond: rows / seconds });
};
