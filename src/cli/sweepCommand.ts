import { setMaxListeners } from 'node:events';
import { readFile, writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { parseNotebookJson } from '../notebook/parse';
import { runSweep } from '../notebook/sweep/runSweep';
import type { SweepReport } from '../notebook/sweep/sweepReport';
import { sharedEnvironment } from './environment';
import { parseSweepArgs, type SweepCliArgs } from './sweepArgs';
import { createThreadRunner } from './threadRunner';
import { createFileTrialStore, defaultTrialStoreDir } from './trialStore';

/** `sweep` and `worker`: the CLI's sweep commands (main.ts hands them over here). */
export const SWEEP_COMMANDS: readonly string[] = ['sweep', 'worker'];

async function queueModule() {
  return import('./queue/queueRunner');
}

export async function sweepNotebookFile(args: SweepCliArgs & { notebook: string }): Promise<SweepReport> {
  const notebookPath = resolve(args.notebook);
  const doc = parseNotebookJson(await readFile(notebookPath, 'utf8'));
  const env = sharedEnvironment({ quiet: true, dataDirs: args.dataDirs }, notebookPath);
  // Every trial in flight listens for the cancel: a round of many trials is expected, not a leak.
  setMaxListeners(0, env.signal);
  const place = { notebookPath, dataDirs: args.dataDirs.map((dir) => resolve(dir)), backend: args.backend };
  const runner = args.queue ? await (await queueModule()).createQueueRunner(args.queue, place) : createThreadRunner(place, args.workers);
  try {
    return await runSweep(doc, {
      env: { loadData: env.loadData, signal: env.signal },
      runner,
      backend: args.backend,
      store: createFileTrialStore(args.store ? resolve(args.store) : defaultTrialStoreDir(notebookPath)),
      signal: env.signal,
      onTrial: (trial, done, total) => {
        if (args.quiet) return;
        const objective = trial.objective === null ? 'n/a' : trial.objective.toPrecision(4);
        process.stderr.write(`[trial ${done}/${total}] ${trial.status} ${JSON.stringify(trial.params)} objective ${objective} (${trial.folds} folds, ${(trial.ms / 1000).toFixed(1)} s)\n`);
      },
    });
  } finally {
    await runner.close();
  }
}

export async function sweepCli(argv: readonly string[]): Promise<number> {
  const args = parseSweepArgs(argv);
  if (args.command === 'worker') {
    await (await queueModule()).runQueueWorker(args);
    return 0;
  }
  const report = await sweepNotebookFile({ ...args, notebook: args.notebook! });
  const text = `${JSON.stringify(report, null, 2)}\n`;
  if (args.out) {
    await writeFile(args.out, text);
    if (!args.quiet) process.stderr.write(`written to ${args.out}\n`);
  } else process.stdout.write(text);
  return 0;
}
