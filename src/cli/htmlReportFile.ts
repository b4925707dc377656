import { writeFile } from 'node:fs/promises';
import { buildHtmlReport } from '../notebook/htmlReport/htmlReport';
import type { RunResult } from '../notebook/runner';
import type { NotebookDoc } from '../notebook/schema';

/** `run --html report.html`: the run's standalone HTML report, written beside the JSON report. */
export async function writeHtmlReport(path: string, doc: NotebookDoc, result: RunResult, quiet: boolean): Promise<void> {
  const html = buildHtmlReport({ report: result.report, series: result.series, notebook: doc });
  await writeFile(path, html);
  if (!quiet) process.stderr.write(`HTML report written to ${path} (${(Buffer.byteLength(html) / 1024).toFixed(0)} KB)\n`);
}
