/**
 * The page's view of a notebook's stored runs (the runner worker writes them): the list with
 * parameter diffs and headline numbers, deleting one, and the series of the runs to compare.
 */
import type { RunSeries } from '../notebook/report';
import { configurationsTried, paramDiff, runEntries, type ParamChange, type RunEntry } from '../notebook/runHistory';
import type { CryptoForecastLabDB } from '../storage/db';
import { deleteRun, listRuns, loadRuns } from '../storage/runs';

export interface RunHistoryView {
  entries: RunEntry[];
  /** Distinct configurations among the stored runs: the trial count of the deflated Sharpe. */
  configurations: number;
}

export interface ComparedRun {
  entry: RunEntry;
  series: RunSeries;
  /** From the compared run before it (null for the first, or where a document is missing). */
  changes: ParamChange[] | null;
}

export interface RunHistory {
  list(notebookId: string): Promise<RunHistoryView>;
  remove(notebookId: string, runId: string): Promise<RunHistoryView>;
  /** The runs to compare, oldest first (entries from `list`). */
  compare(entries: readonly RunEntry[]): Promise<ComparedRun[]>;
}

export function createRunHistory(db: CryptoForecastLabDB): RunHistory {
  const list = async (notebookId: string): Promise<RunHistoryView> => {
    const entries = runEntries(await listRuns(db, notebookId));
    return { entries, configurations: configurationsTried(entries) };
  };
  return {
    list,
    async remove(notebookId, runId) {
      await deleteRun(db, runId);
      return list(notebookId);
    },
    async compare(entries) {
      const ordered = [...entries].sort((a, b) => a.createdAt - b.createdAt);
      const runs = await loadRuns(db, ordered.map((e) => e.id));
      const series = new Map(runs.map((r) => [r.id, r.series]));
      const found = ordered.flatMap((entry) => {
        const s = series.get(entry.id);
        return s ? [{ entry, series: s }] : [];
      });
      return found.map((run, i) => {
        const before = found[i - 1]?.entry.doc;
        return { ...run, changes: before && run.entry.doc ? paramDiff(before, run.entry.doc) : null };
      });
    },
  };
}
