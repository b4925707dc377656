import { readFile, writeFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { createLocalExecutor } from '../ml/localExecutor';
import { parseNotebookJson } from '../notebook/parse';
import { runNotebook } from '../notebook/runner';
import { loadSource } from '../sources/loadSource';
import { parseArgs, USAGE, type CliArgs } from './args';
import packageJson from '../../package.json' with { type: 'json' };

async function run(args: CliArgs & { notebook: string }): Promise<void> {
  const notebookPath = resolve(args.notebook);
  const doc = parseNotebookJson(await readFile(notebookPath, 'utf8'));
  const executor = createLocalExecutor(args.backend);
  const controller = new AbortController();
  process.once('SIGINT', () => controller.abort());
  let lastLine = '';
  const { report } = await runNotebook(doc, {
    executor,
    signal: controller.signal,
    versions: { app: packageJson.version, tfjs: tf.version.tfjs, node: process.version },
    loadData: (source) =>
      loadSource(source, async (csv) => {
        if (!csv.path) throw new Error(`CSV source "${csv.name}" has no path; the CLI reads the file from disk`);
        return readFile(resolve(dirname(notebookPath), csv.path), 'utf8');
      }),
    onProgress: (p) => {
      if (args.quiet) return;
      const line = `[${(p.fraction * 100).toFixed(0).padStart(3)}%] ${p.cellId}: ${p.message}`;
      if (line !== lastLine && !p.train) process.stderr.write(`${line}\n`);
      else if (p.train && p.train.batch === p.train.batches) process.stderr.write(`${line}\n`);
      lastLine = line;
    },
  });
  const json = `${JSON.stringify(report, null, 2)}\n`;
  if (args.out) {
    await writeFile(args.out, json);
    if (!args.quiet) process.stderr.write(`report written to ${args.out}\n`);
  } else process.stdout.write(json);
}

async function main(): Promise<number> {
  try {
    const args = parseArgs(process.argv.slice(2));
    if (args.command === 'help' || !args.notebook) {
      process.stdout.write(`${USAGE}\n`);
      return 0;
    }
    await run({ ...args, notebook: args.notebook });
    return 0;
  } catch (error) {
    process.stderr.write(`error: ${error instanceof Error ? error.message : String(error)}\n`);
    return 1;
  }
}

process.exitCode = await main();
