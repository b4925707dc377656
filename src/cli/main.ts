import { readFile, writeFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { createLocalExecutor } from '../ml/localExecutor';
import { parseNotebookJson } from '../notebook/parse';
import { computeFeatureTable, runNotebook } from '../notebook/runner';
import type { RunProgress } from '../notebook/runState';
import { loadDataCell, type DataCellSpec } from '../sources/loadSource';
import { parseArgs, USAGE, type CliArgs } from './args';
import { featureTableCsv } from './featuresCsv';
import packageJson from '../../package.json' with { type: 'json' };

type RunArgs = CliArgs & { notebook: string };

function sharedEnvironment(args: RunArgs, notebookPath: string) {
  const controller = new AbortController();
  process.once('SIGINT', () => controller.abort());
  let lastLine = '';
  return {
    signal: controller.signal,
    loadData: (data: DataCellSpec) =>
      loadDataCell(data, {
        readCsvText: async (csv) => {
          if (!csv.path) throw new Error(`CSV source "${csv.name}" has no path; the CLI reads the file from disk`);
          return readFile(resolve(dirname(notebookPath), csv.path), 'utf8');
        },
      }),
    onProgress: (p: RunProgress) => {
      if (args.quiet) return;
      const line = `[${(p.fraction * 100).toFixed(0).padStart(3)}%] ${p.cellId}: ${p.message}`;
      const epochEnd = p.train !== undefined && p.train.batch === p.train.batches;
      if (line !== lastLine && (!p.train || epochEnd)) process.stderr.write(`${line}\n`);
      lastLine = line;
    },
  };
}

async function output(args: RunArgs, text: string): Promise<void> {
  if (!args.out) {
    process.stdout.write(text);
    return;
  }
  await writeFile(args.out, text);
  if (!args.quiet) process.stderr.write(`written to ${args.out}\n`);
}

async function execute(args: RunArgs): Promise<void> {
  const notebookPath = resolve(args.notebook);
  const doc = parseNotebookJson(await readFile(notebookPath, 'utf8'));
  const env = sharedEnvironment(args, notebookPath);
  if (args.command === 'features') {
    const { table } = await computeFeatureTable(doc, env);
    await output(args, featureTableCsv(table));
    return;
  }
  const { report } = await runNotebook(doc, {
    ...env,
    executor: createLocalExecutor(args.backend),
    versions: { app: packageJson.version, tfjs: tf.version.tfjs, node: process.version },
  });
  await output(args, `${JSON.stringify(report, null, 2)}\n`);
}

async function main(): Promise<number> {
  try {
    const args = parseArgs(process.argv.slice(2));
    if (args.command === 'help' || !args.notebook) {
      process.stdout.write(`${USAGE}\n`);
      return 0;
    }
    await execute({ ...args, notebook: args.notebook });
    return 0;
  } catch (error) {
    process.stderr.write(`error: ${error instanceof Error ? error.message : String(error)}\n`);
    return 1;
  }
}

process.exitCode = await main();
