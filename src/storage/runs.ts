import { Dexie } from 'dexie';
import { z } from 'zod';
import { runReportSchema, runSeriesSchema, type RunReport, type RunSeries } from '../notebook/report';
import type { CryptoForecastLabDB } from './db';
import { withQuotaCheck } from './errors';

/** A run as the app writes it: the report and chart series in the current format. */
export interface StoredRun {
  id: string;
  notebookId: string;
  notebookHash: string;
  /** UTC ms. */
  createdAt: number;
  report: RunReport;
  series: RunSeries;
  /** The notebook document that ran (for the parameter diff of the Runs panel); absent in older rows. */
  doc?: unknown;
}

/** The shape of any stored run row, whatever report format wrote it (the Library lists these). */
const runRowSchema = z.object({
  id: z.string(),
  notebookId: z.string(),
  notebookHash: z.string(),
  createdAt: z.number(),
  report: z.record(z.string(), z.unknown()),
  series: z.record(z.string(), z.unknown()).optional(),
  doc: z.unknown().optional(),
});
export type StoredRunRow = z.infer<typeof runRowSchema>;

/** The row's shape, then the report and series in the current format; null when either fails. */
function parseCurrent(row: unknown): StoredRun | null {
  const shape = runRowSchema.safeParse(row);
  if (!shape.success) return null;
  const report = runReportSchema.safeParse(shape.data.report);
  const series = runSeriesSchema.safeParse(shape.data.series);
  if (!report.success || !series.success) return null;
  const { id, notebookId, notebookHash, createdAt } = shape.data;
  return { id, notebookId, notebookHash, createdAt, report: report.data, series: series.data };
}

function newestFirst(db: CryptoForecastLabDB, notebookId: string) {
  return db.runs.where('[notebookId+createdAt]').between([notebookId, Dexie.minKey], [notebookId, Dexie.maxKey]).reverse();
}

export async function saveRun(db: CryptoForecastLabDB, run: StoredRun): Promise<void> {
  await withQuotaCheck(() => db.runs.put(run));
}

/**
 * The newest run of a notebook whose report and series match the current schema; runs written in
 * an older format (or damaged) are passed over, so the app restores the newest one it can show.
 */
export async function latestRun(db: CryptoForecastLabDB, notebookId: string): Promise<StoredRun | null> {
  let found: StoredRun | null = null;
  await newestFirst(db, notebookId)
    .until(() => found !== null)
    .each((row) => {
      found ??= parseCurrent(row);
    });
  return found;
}

/**
 * Gives notebook `toId` the newest run of `fromId` (a copy carries the last run of the notebook it
 * was made from, so reopening the copy restores it), unless `toId` already has a run as new.
 * True when a run was carried.
 */
export async function carryLatestRun(db: CryptoForecastLabDB, fromId: string, toId: string): Promise<boolean> {
  return withQuotaCheck(() =>
    db.transaction('rw', db.runs, async () => {
      const run = await latestRun(db, fromId);
      if (!run) return false;
      const own = await latestRun(db, toId);
      if (own && own.createdAt >= run.createdAt) return false;
      await db.runs.put({ ...run, id: `${toId}-${run.createdAt}`, notebookId: toId });
      return true;
    }),
  );
}

/** Every run row of a notebook with a valid shape, newest first (reports are not interpreted). */
export async function listRuns(db: CryptoForecastLabDB, notebookId: string): Promise<StoredRunRow[]> {
  const rows = await newestFirst(db, notebookId).toArray();
  return rows.flatMap((row) => {
    const parsed = runRowSchema.safeParse(row);
    return parsed.success ? [parsed.data] : [];
  });
}

/** Deletes one run (its report and series); the deflated Sharpe of later runs counts one configuration fewer if it was the last of its hash. */
export async function deleteRun(db: CryptoForecastLabDB, id: string): Promise<void> {
  await db.runs.delete(id);
}

/** Whole stored runs (report and series in the current format) by id, in the order asked; missing or outdated ones are left out. */
export async function loadRuns(db: CryptoForecastLabDB, ids: readonly string[]): Promise<StoredRun[]> {
  const rows = await db.runs.bulkGet([...ids]);
  return rows.flatMap((row) => {
    const run = parseCurrent(row);
    return run ? [{ ...run, doc: row?.doc }] : [];
  });
}
