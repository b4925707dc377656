import { writeFile } from 'node:fs/promises';
import * as tf from '@tensorflow/tfjs';
import { createLocalExecutor } from '../ml/localExecutor';
import { withBatchDeadline } from './batchDeadline';
import { createMemoryCache } from '../notebook/cache';
import { computeFeatureTable, runNotebook } from '../notebook/runner';
import { explainMain } from './explainCommand';
import { parseArgs, USAGE, type CliArgs } from './args';
import { sharedEnvironment } from './environment';
import { predictCommand, trainModelCommand } from './modelCommands';
import { featureTableCsv } from './featuresCsv';
import { writeHtmlReport } from './htmlReportFile';
import { linkCommand, readNotebookArg } from './linkCommands';
import { SWEEP_COMMANDS, sweepCli } from './sweepCommand';
import packageJson from '../../package.json' with { type: 'json' };

type RunArgs = CliArgs & { notebook: string };

async function output(args: RunArgs, text: string, toFile = true): Promise<void> {
  if (!args.out || !toFile) {
    process.stdout.write(text);
    return;
  }
  await writeFile(args.out, text);
  if (!args.quiet) process.stderr.write(`written to ${args.out}\n`);
}

async function execute(args: RunArgs): Promise<void> {
  const { doc, notebookPath } = await readNotebookArg(args.notebook);
  const env = sharedEnvironment(args, notebookPath);
  if (args.command === 'train-model') {
    await output(args, await trainModelCommand(doc, notebookPath, args, env), false);
    return;
  }
  if (args.command === 'predict') {
    await output(args, await predictCommand(doc, args, env));
    return;
  }
  if (args.command === 'features') {
    const { table } = await computeFeatureTable(doc, env);
    await output(args, featureTableCsv(table));
    return;
  }
  const result = await runNotebook(doc, {
    ...env,
    executor: withBatchDeadline(createLocalExecutor(args.backend)),
    ...(args.trials !== undefined ? { trials: { count: args.trials, sharpeVariance: 0 } } : {}),
    cache: createMemoryCache(),
    versions: { app: packageJson.version, tfjs: tf.version.tfjs, node: process.version },
  });
  if (args.html) await writeHtmlReport(args.html, doc, result, args.quiet);
  await output(args, `${JSON.stringify(result.report, null, 2)}\n`);
}

async function main(): Promise<number> {
  if (process.argv[2] === 'explain') return explainMain(process.argv.slice(3));
  try {
    if (process.argv[2] === 'link') return await linkCommand(process.argv.slice(3));
    if (SWEEP_COMMANDS.includes(process.argv[2] ?? '')) return await sweepCli(process.argv.slice(2));
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
