/**
 * `train-model`: the notebook's deployable model (trained on its most recent window) written as
 * model.json + weights.bin (tfjs layers format) + meta.json. `predict`: the next-bar forecast
 * of a model directory, as JSON. Both run in this process (src/ml/localExecutor).
 */
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { basename, join, resolve } from 'node:path';
import type { TrainProgress } from '../core/executor';
import { createLocalExecutor } from '../ml/localExecutor';
import { withBatchDeadline } from './batchDeadline';
import { bundleToFiles, filesToBundle, type PortableBundle } from '../ml/modelFiles';
import { notebookHash } from '../notebook/canonical';
import { forecastWithSaved, trainDeployable, type DeployEnvironment } from '../notebook/deploy';
import { parseDeployedModel } from '../notebook/deployedModel';
import type { NotebookDoc } from '../notebook/schema';
import type { CliArgs } from './args';
import type { CliEnvironment } from './environment';

function deployEnvironment(args: CliArgs, env: CliEnvironment) {
  const executor = createLocalExecutor(args.backend);
  const deploy: DeployEnvironment<PortableBundle> = {
    executor: withBatchDeadline(executor),
    loadData: env.loadData,
    signal: env.signal,
    onProgress: (message: string, train?: TrainProgress) => {
      if (args.quiet || (train && train.batch !== train.batches)) return;
      process.stderr.write(`${message}\n`);
    },
  };
  return { deploy, dispose: () => executor.dispose() };
}

export async function trainModelCommand(doc: NotebookDoc, notebookPath: string, args: CliArgs, env: CliEnvironment): Promise<string> {
  const dir = resolve(args.out ?? '');
  const { deploy, dispose } = deployEnvironment(args, env);
  try {
    const { meta, bundle } = await trainDeployable(basename(notebookPath).replace(/\.json$/i, ''), doc, deploy);
    await mkdir(dir, { recursive: true });
    const files = bundleToFiles(bundle, meta);
    for (const [name, bytes] of files) await writeFile(join(dir, name), bytes);
    if (!args.quiet) process.stderr.write(`written to ${dir}: ${[...files.keys()].join(', ')}\n`);
    const summary = {
      id: meta.id,
      name: meta.name,
      dir,
      files: [...files.keys()],
      notebookHash: meta.notebook.hash,
      dataHash: meta.data.hash,
      trained: { ...meta.trained, start: new Date(meta.trained.start).toISOString(), end: new Date(meta.trained.end).toISOString() },
    };
    return `${JSON.stringify(summary, null, 2)}\n`;
  } finally {
    dispose();
  }
}

async function readModelDir(dir: string): Promise<Map<string, Uint8Array>> {
  const names = await readdir(dir).catch((err: unknown) => {
    throw new Error(`cannot read the model directory ${dir} (${err instanceof Error ? err.message : String(err)}): give the --out directory of train-model`);
  });
  const files = new Map<string, Uint8Array>();
  for (const name of names) if (/\.(json|bin)$/.test(name)) files.set(name, new Uint8Array(await readFile(join(dir, name))));
  return files;
}

export async function predictCommand(doc: NotebookDoc, args: CliArgs, env: CliEnvironment): Promise<string> {
  const dir = resolve(args.model ?? '');
  const { deployment, bundle } = filesToBundle(await readModelDir(dir));
  const meta = parseDeployedModel(deployment, `${join(dir, 'meta.json')}`);
  const { deploy, dispose } = deployEnvironment(args, env);
  try {
    const forecast = await forecastWithSaved(meta, bundle, doc, deploy);
    const sameNotebook = notebookHash(doc) === meta.notebook.hash;
    if (!sameNotebook && !args.quiet) process.stderr.write(`note: the notebook differs from the one model "${meta.name}" was trained with (same features and target)\n`);
    const model = { id: meta.id, name: meta.name, notebookHash: meta.notebook.hash, trainedTo: new Date(meta.trained.end).toISOString(), backend: meta.trained.backend };
    return `${JSON.stringify({ ...forecast, model, sameNotebook }, null, 2)}\n`;
  } finally {
    dispose();
  }
}
