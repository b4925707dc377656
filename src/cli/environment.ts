import { dirname, resolve } from 'node:path';
import type { RunProgress } from '../notebook/runState';
import { loadDataCell, type DataCellSpec } from '../sources/loadSource';
import { openConfinedCsv } from './dataPaths';

/** Data loading (a CSV path is relative to the notebook and confined to its folder), Ctrl-C and progress lines on stderr. */
export function sharedEnvironment(args: { quiet: boolean; dataDirs?: readonly string[] }, notebookPath: string) {
  const roots = { notebookDir: dirname(resolve(notebookPath)), dataDirs: (args.dataDirs ?? []).map((dir) => resolve(dir)) };
  const controller = new AbortController();
  process.once('SIGINT', () => controller.abort());
  let lastLine = '';
  return {
    signal: controller.signal,
    loadData: (data: DataCellSpec) =>
      loadDataCell(data, {
        readCsvText: async (csv) => {
          if (!csv.path) throw new Error(`CSV source "${csv.name}" has no path; the CLI reads the file from disk`);
          return openConfinedCsv(csv.path, roots, `CSV source "${csv.name}"`);
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

export type CliEnvironment = ReturnType<typeof sharedEnvironment>;
