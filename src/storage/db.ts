import Dexie, { type EntityTable } from 'dexie';

/**
 * IndexedDB schema. WARNING: the stores and indexes below are a stored format. Changing them
 * needs a new `this.version(n + 1)` with an upgrade function, and a migration test fed by a
 * fixture of the old version (see db.test.ts); never edit version 1 in place.
 */

export interface DatasetRecord {
  /** The content hash of the frame (hashFrame). */
  id: string;
  name: string;
  source: unknown;
  rows: number;
  start: number;
  end: number;
  columns: string[];
  intervalMs: number;
  synthetic: boolean;
  createdAt: number;
  chunkCount: number;
  chunkRows: number;
}

export interface ChunkRecord {
  datasetId: string;
  index: number;
  time: Float64Array;
  columns: Record<string, Float64Array>;
}

export interface NotebookRecord {
  id: string;
  title: string;
  doc: unknown;
  updatedAt: number;
}

export interface RunRecord {
  id: string;
  notebookId: string;
  notebookHash: string;
  createdAt: number;
  report: unknown;
  series: unknown;
}

export interface ModelRecord {
  id: string;
  createdAt: number;
  artifacts: unknown;
}

export const DB_NAME = 'crypto-forecast-lab';

export class CryptoForecastLabDB extends Dexie {
  datasets!: EntityTable<DatasetRecord, 'id'>;
  chunks!: Dexie.Table<ChunkRecord, [string, number]>;
  notebooks!: EntityTable<NotebookRecord, 'id'>;
  runs!: EntityTable<RunRecord, 'id'>;
  models!: EntityTable<ModelRecord, 'id'>;

  constructor(name: string = DB_NAME, options?: ConstructorParameters<typeof Dexie>[1]) {
    super(name, options);
    this.version(1).stores({
      datasets: 'id, createdAt',
      chunks: '[datasetId+index], datasetId',
      notebooks: 'id, updatedAt',
      runs: 'id, notebookId, [notebookId+createdAt], createdAt',
      models: 'id, createdAt',
    });
  }
}

export function openDb(name: string = DB_NAME, options?: ConstructorParameters<typeof Dexie>[1]): CryptoForecastLabDB {
  return new CryptoForecastLabDB(name, options);
}
