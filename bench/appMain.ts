/** `npm run bench:app`: only the app benchmark (bench/app.ts), printed as JSON and saved in bench/results/ like `npm run bench`. */
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { resolve } from 'node:path';
import { appBenchmarks } from './app';

const log = (line: string) => process.stderr.write(`${line}\n`);
const started = performance.now();
const app = await appBenchmarks(log);
const document = {
  createdAt: new Date().toISOString(),
  machine: { cpus: cpus().length, cpu: cpus()[0]?.model ?? 'unknown', node: process.version, platform: process.platform },
  browser: app.environment,
  results: app.results,
  wallSeconds: (performance.now() - started) / 1000,
};
const dir = resolve(import.meta.dirname, 'results');
mkdirSync(dir, { recursive: true });
const file = resolve(dir, `app-${document.createdAt.replace(/[:.]/g, '-')}.json`);
writeFileSync(file, `${JSON.stringify(document, null, 2)}\n`);
process.stdout.write(`${JSON.stringify(document, null, 2)}\n`);
log(`saved ${file}`);
