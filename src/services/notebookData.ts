/**
 * How the page loads a notebook's data cell: stored frames (imported CSVs) from IndexedDB,
 * exchange and on-chain series through the download cache. A CSV that is not stored asks for
 * the file again. Shared by runs (labServices) and saved models (modelServices).
 */
import type { LoadedData, RunEnvironment } from '../notebook/runState';
import { loadDataCell } from '../sources/loadSource';
import { cachedLoad, type CandleCacheDB } from '../storage/candleCache';
import { loadFrame } from '../storage/datasets';
import type { CryptoForecastLabDB } from '../storage/db';

export type LoadData = RunEnvironment['loadData'];

export function createDataLoader(db: CryptoForecastLabDB, candleCache: () => CandleCacheDB): LoadData {
  return (data, options): Promise<LoadedData> =>
    loadDataCell(data, {
      readCsvText: async (csv) => {
        const hash = csv.hash ? ` (hash ${csv.hash.slice(0, 12)}…)` : '';
        throw new Error(`the data "${csv.name}"${hash} is not in this browser: import the CSV file again`);
      },
      storedFrame: (hash) => loadFrame(db, hash).catch(() => null),
      loadConnector: async (connector, request) => {
        const cached = await cachedLoad(candleCache(), connector, request, {
          ...(options?.signal ? { signal: options.signal } : {}),
          ...(options?.onProgress ? { onProgress: options.onProgress } : {}),
        });
        return { frame: cached.frame, report: cached.report, warnings: cached.warnings };
      },
    });
}
