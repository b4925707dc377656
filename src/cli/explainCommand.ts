/**
 * `npm run cli -- explain notebook.json [--date YYYY-MM-DD]`: runs the notebook (adding an explain
 * cell with its defaults when it has none) and prints the plain-language sentence and the
 * waterfall of the window of that date (default: the last explained window).
 */
import { readFile, writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { explanationSentence, waterfallText } from '../core/explain';
import { createLocalExecutor } from '../ml/localExecutor';
import { createMemoryCache } from '../notebook/cache';
import { describeEstimator, type ExplainReport } from '../notebook/explainReport';
import { parseNotebookJson } from '../notebook/parse';
import { runNotebook } from '../notebook/runner';
import type { NotebookDoc } from '../notebook/schema';
import { sharedEnvironment } from './environment';
import packageJson from '../../package.json' with { type: 'json' };

export const EXPLAIN_USAGE = `usage: npm run cli -- explain <notebook.json> [--date YYYY-MM-DD] [--out explain.json] [--backend cpu|wasm] [--data-dir <dir>]... [--quiet]

  explain    runs the notebook (with an explain cell: its own, or one with the defaults) and prints,
             for the window of --date (default: the last explained one), one sentence and the
             waterfall base -> each group -> prediction; --out also writes the report's explain as JSON.`;

export interface ExplainArgs {
  notebook: string;
  date?: string;
  out?: string;
  backend: 'cpu' | 'wasm';
  quiet: boolean;
  dataDirs: string[];
}

export function parseExplainArgs(argv: readonly string[]): ExplainArgs {
  const args: Partial<ExplainArgs> & { dataDirs: string[] } = { backend: 'wasm', quiet: false, dataDirs: [] };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const value = () => {
      const next = argv[++i];
      if (next === undefined || next.startsWith('--')) throw new Error(`${arg} needs a value\n${EXPLAIN_USAGE}`);
      return next;
    };
    if (arg === '--date') {
      const date = value();
      if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) throw new Error(`--date must be YYYY-MM-DD, got "${date}"`);
      args.date = date;
    } else if (arg === '--out') args.out = value();
    else if (arg === '--backend') {
      const backend = value();
      if (backend !== 'cpu' && backend !== 'wasm') throw new Error(`--backend must be cpu or wasm, got "${backend}"`);
      args.backend = backend;
    } else if (arg === '--data-dir') args.dataDirs.push(value());
    else if (arg === '--quiet') args.quiet = true;
    else if (arg.startsWith('--')) throw new Error(`unknown option ${arg}\n${EXPLAIN_USAGE}`);
    else if (!args.notebook) args.notebook = arg;
    else throw new Error(`unexpected argument "${arg}"\n${EXPLAIN_USAGE}`);
  }
  if (!args.notebook) throw new Error(`explain needs a notebook file\n${EXPLAIN_USAGE}`);
  return { ...args, notebook: args.notebook, backend: args.backend ?? 'wasm', quiet: args.quiet ?? false };
}

/** The notebook with an explain cell: its own, or `{ id: "explain", kind: "explain" }` appended. */
export function withExplainCell(doc: NotebookDoc): NotebookDoc {
  if (doc.cells.some((c) => c.kind === 'explain')) return doc;
  const ids = new Set(doc.cells.map((c) => c.id));
  let id = 'explain';
  for (let n = 2; ids.has(id); n++) id = `explain${n}`;
  return parseNotebookJson(JSON.stringify({ ...doc, cells: [...doc.cells, { id, kind: 'explain' }] }));
}

/** The sentence and the text waterfall of the window of `date` (YYYY-MM-DD), or of the last window. */
export function explainText(explain: ExplainReport, date?: string): string {
  if (explain.method === 'permutation') {
    const rows = explain.global.map((g) => `${g.group.padEnd(24)} ${g.meanSigned.toExponential(3).padStart(11)} ± ${g.spread.toExponential(2)}`);
    return `Permutation importance (${explain.permutation?.loss ?? 'loss'} increase when the group is shuffled across the test windows):\n${rows.join('\n')}\n`;
  }
  const windows = explain.windows;
  if (windows.length === 0) throw new Error('the explain cell explained no window');
  const window = date ? windows.find((w) => w.date.startsWith(date)) : windows[windows.length - 1];
  if (!window) {
    const range = `${windows[0]!.date.slice(0, 10)} .. ${windows[windows.length - 1]!.date.slice(0, 10)}`;
    throw new Error(`no explained window on ${date}: the explain cell explained ${windows.length} windows, ${range}; pick a date in that range, or set "fold": "each" and "windows": "all" on the explain cell`);
  }
  const attribution = { date: window.date.slice(0, 10), base: window.base, prediction: window.prediction, groups: explain.groups, values: window.values };
  const lines = [
    explanationSentence(attribution, explain.output),
    '',
    waterfallText(attribution, explain.output),
    '',
    `${describeEstimator(explain)}; background ${explain.backgroundSize} training windows; ${explain.estimator === 'integratedGradients' ? 'completeness' : 'additivity'} error ${(explain.additivityError ?? 0).toExponential(1)}`,
  ];
  if (explain.attention) lines.push(`attention per lag (mean over ${explain.attention.windows} windows): ${explain.attention.byLag.map((w, lag) => `${lag}:${w.toFixed(3)}`).join(' ')}`);
  if (window.standardError) lines.push(`largest standard error ${Math.max(...window.standardError).toExponential(1)} (${explain.coalitions} coalitions)`);
  return `${lines.join('\n')}\n`;
}

export async function explainMain(argv: readonly string[]): Promise<number> {
  try {
    if (argv.includes('--help') || argv.includes('-h')) {
      process.stdout.write(`${EXPLAIN_USAGE}\n`);
      return 0;
    }
    const args = parseExplainArgs(argv);
    const notebookPath = resolve(args.notebook);
    const doc = withExplainCell(parseNotebookJson(await readFile(notebookPath, 'utf8')));
    const { report } = await runNotebook(doc, {
      ...sharedEnvironment(args, notebookPath),
      executor: createLocalExecutor(args.backend),
      cache: createMemoryCache(),
      versions: { app: packageJson.version, tfjs: tf.version.tfjs, node: process.version },
    });
    if (!report.explain) throw new Error('the run produced no explanation');
    process.stdout.write(explainText(report.explain, args.date));
    if (args.out) await writeFile(args.out, `${JSON.stringify(report.explain, null, 2)}\n`);
    return 0;
  } catch (error) {
    process.stderr.write(`error: ${error instanceof Error ? error.message : String(error)}\n`);
    return 1;
  }
}
