import { z } from 'zod';
import { runReportSchema, runSeriesSchema, type RunReport, type RunSeries } from '../notebook/report';
import type { CryptoForecastLabDB } from './db';
import { withQuotaCheck } from './errors';

export interface StoredRun {
  id: string;
  notebookId: string;
  notebookHash: string;
  createdAt: number;
  report: RunReport;
  series: RunSeries;
}

const storedRunSchema = z.object({
  id: z.string(),
  notebookId: z.string(),
  notebookHash: z.string(),
  createdAt: z.number(),
  report: runReportSchema,
  series: runSeriesSchema,
});

function parseRun(row: unknown): StoredRun | null {
  const parsed = storedRunSchema.safeParse(row);
  return parsed.success ? parsed.data : null;
}

export async function saveRun(db: CryptoForecastLabDB, run: StoredRun): Promise<void> {
  await withQuotaCheck(() => db.runs.put(run));
}

/** The newest run of a notebook that still matches the report schema (older formats are skipped). */
export async function latestRun(db: CryptoForecastLabDB, notebookId: string): Promise<StoredRun | null> {
  const rows = await db.runs.where('[notebookId+createdAt]').between([notebookId, -Infinity], [notebookId, Infinity]).reverse().toArray();
  for (const row of rows) {
    const run = parseRun(row);
    if (run) return run;
  }
  return null;
}

export async function listRuns(db: CryptoForecastLabDB, notebookId: string): Promise<StoredRun[]> {
  const rows = await db.runs.where('notebookId').equals(notebookId).toArray();
  return rows.flatMap((row) => parseRun(row) ?? []).sort((a, b) => b.createdAt - a.createdAt);
}
