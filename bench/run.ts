/**
 * `npm run bench`: runs every benchmark, prints one JSON document and saves it in bench/results/.
 * `npm run bench -- --only=explain`: the explainers' benchmarks alone (same document shape).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { resolve } from 'node:path';
import { appBenchmarks } from './app';
import { detmathBenchmarks } from './detmath';
import { browserBenchmarks } from './browser';
import { explainBenchmarks } from './explain';
import { explainGradientBenchmarks } from './explainGradients';
import { fusedBenchmarks } from './fused';
import { linkBenchmarks } from './links';
import { nodeBenchmarks } from './node';
import { sweepBenchmarks } from './sweep';

const log = (line: string) => process.stderr.write(`${line}\n`);
const only = process.argv.find((a) => a.startsWith('--only='))?.slice('--only='.length);
if (only !== undefined && only !== 'explain') throw new Error(`bench: --only=${only} is not a part; the one part that runs alone is --only=explain`);
const started = performance.now();
// A shared machine: the load around the run says how far its wall times can be trusted.
const loadAtStart = loadavg();
const explainResults = async () => [...(await explainGradientBenchmarks(log)), ...(await explainBenchmarks(log))];
const skipped = { results: [], environment: { skipped: `--only=${only}` } };
const fused = only ? { results: [], runs: [] } : await fusedBenchmarks(log);
const nodeResults = only
  ? await explainResults()
  : [...(await nodeBenchmarks(log)), ...fused.results, ...(await linkBenchmarks(log)), ...(await explainResults()), ...(await sweepBenchmarks(log)), ...detmathBenchmarks(log)];
// The browser half must not cost the Node numbers: a failure there is reported, not thrown.
const browser = only ? skipped : await browserBenchmarks(log, fused.runs).catch((err: unknown) => {
  log(`browser benchmarks failed: ${err instanceof Error ? err.message : String(err)}`);
  return { results: [], environment: { error: err instanceof Error ? err.message : String(err) } };
});
const app = only ? skipped : await appBenchmarks(log).catch((err: unknown) => {
  log(`app benchmarks failed: ${err instanceof Error ? err.message : String(err)}`);
  return { results: [], environment: { error: err instanceof Error ? err.message : String(err) } };
});
const document = {
  createdAt: new Date().toISOString(),
  ...(only ? { only } : {}),
  machine: { cpus: cpus().length, cpu: cpus()[0]?.model ?? 'unknown', node: process.version, platform: process.platform, loadAverage: { start: loadAtStart, end: loadavg() } },
  browser: browser.environment,
  app: app.environment,
  results: [...nodeResults, ...browser.results, ...app.results],
  wallSeconds: (performance.now() - started) / 1000,
};
const dir = resolve(import.meta.dirname, 'results');
mkdirSync(dir, { recursive: true });
const file = resolve(dir, `${document.createdAt.replace(/[:.]/g, '-')}.json`);
writeFileSync(file, `${JSON.stringify(document, null, 2)}\n`);
process.stdout.write(`${JSON.stringify(document, null, 2)}\n`);
log(`saved ${file}`);
