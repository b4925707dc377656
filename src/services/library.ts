import { deleteDataset, listDatasets } from '../storage/datasets';
import type { CryptoForecastLabDB } from '../storage/db';
import { estimateUsage, formatBytes } from '../storage/errors';
import { createIdbRunCache } from '../storage/runCache';

export interface LibraryDataset {
  id: string;
  name: string;
  rows: number;
  synthetic: boolean;
  /** ISO dates of the first and last bar. */
  range: string;
}

export interface LibraryView {
  datasets: LibraryDataset[];
  /** e.g. "12.3 MB of 2.20 GB", or null where the browser does not say. */
  usage: string | null;
  /** Cell outputs and folds cached for reruns: entries and their size ("12.3 MB"). */
  runCache: { entries: number; size: string };
}

const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/** The datasets stored in this browser and how much space the site uses: what the Library lists. */
export async function readLibrary(db: CryptoForecastLabDB): Promise<LibraryView> {
  const [datasets, usage, cache] = await Promise.all([listDatasets(db), estimateUsage(), createIdbRunCache(db).stats()]);
  return {
    runCache: { entries: cache.entries, size: formatBytes(cache.bytes) },
    datasets: datasets.map((d) => ({ id: d.id, name: d.name, rows: d.rows, synthetic: d.synthetic, range: `${day(d.start)} → ${day(d.end)}` })),
    usage: usage ? `${formatBytes(usage.usage)} of ${formatBytes(usage.quota)}` : null,
  };
}

export async function removeDataset(db: CryptoForecastLabDB, id: string): Promise<LibraryView> {
  await deleteDataset(db, id);
  return readLibrary(db);
}

/** Empties the run cache: the next run of every notebook computes all its cells again. */
export async function clearRunCache(db: CryptoForecastLabDB): Promise<LibraryView> {
  await createIdbRunCache(db).clear();
  return readLibrary(db);
}
