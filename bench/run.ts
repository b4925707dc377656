/** `npm run bench`: runs every benchmark, prints one JSON document and saves it in bench/results/. */
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { resolve } from 'node:path';
import { nodeBenchmarks } from './node';

const log = (line: string) => process.stderr.write(`${line}\n`);
const results = await nodeBenchmarks(log);
const document = {
  createdAt: new Date().toISOString(),
  machine: { cpus: cpus().length, cpu: cpus()[0]?.model ?? 'unknown', node: process.version, platform: process.platform },
  results,
};
const dir = resolve(import.meta.dirname, 'results');
mkdirSync(dir, { recursive: true });
const file = resolve(dir, `${document.createdAt.replace(/[:.]/g, '-')}.json`);
writeFileSync(file, `${JSON.stringify(document, null, 2)}\n`);
process.stdout.write(`${JSON.stringify(document, null, 2)}\n`);
log(`saved ${file}`);
