import { deleteDataset, listDatasets } from '../storage/datasets';
import type { CryptoForecastLabDB } from '../storage/db';
import { estimateUsage, formatBytes } from '../storage/errors';

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
}

const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/** The datasets stored in this browser and how much space the site uses: what the Library lists. */
export async function readLibrary(db: CryptoForecastLabDB): Promise<LibraryView> {
  const [datasets, usage] = await Promise.all([listDatasets(db), estimateUsage()]);
  return {
    datasets: datasets.map((d) => ({ id: d.id, name: d.name, rows: d.rows, synthetic: d.synthetic, range: `${day(d.start)} → ${day(d.end)}` })),
    usage: usage ? `${formatBytes(usage.usage)} of ${formatBytes(usage.quota)}` : null,
  };
}

export async function removeDataset(db: CryptoForecastLabDB, id: string): Promise<LibraryView> {
  await deleteDataset(db, id);
  return readLibrary(db);
}
