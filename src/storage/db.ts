import Dexie, { type EntityTable } from 'dexie';

/**
 * IndexedDB schema: the only place that knows dexie tables. Everything else goes through the
 * repositories (datasets.ts, notebooks.ts, runs.ts), which parse every row they read with zod.
 *
 * WARNING: SCHEMA_V1 and the record shapes below are a stored format on users' machines. Changing
 * a key, an index or a row shape needs a NEW `this.version(n + 1).stores(...).upgrade(...)` (keep
 * every older version declared), plus a migration test fed by a fixture written by the old version
 * (db.test.ts holds the guards for versions 1 and 2); never edit version 1 in place.
 */

/** Dexie stores syntax: the primary key first, then the indexes. */
export const SCHEMA_V1 = {
  datasets: 'id, createdAt',
  chunks: '[datasetId+index], datasetId',
  notebooks: 'id, updatedAt',
  runs: 'id, notebookId, [notebookId+createdAt], createdAt',
  models: 'id, createdAt',
} as const;

/**
 * Version 2 adds `modelMeta`: one row per saved (deployable) model, the metadata a forecast needs
 * (src/notebook/deployedModel.ts), beside its weights in `models` under the same id; listing
 * models reads only these small rows. Version-1 databases gain the empty table; their rows stay.
 */
export const SCHEMA_V2 = { ...SCHEMA_V1, modelMeta: 'id, notebookId, createdAt' } as const;

/**
 * Version 3 adds `cache`: the run cache (runCache.ts), cell outputs and walk-forward folds under
 * their content keys, indexed by last use and size so eviction reads keys, never values. Older
 * databases gain the empty table; their rows stay.
 */
export const SCHEMA_V3 = { ...SCHEMA_V2, cache: 'key, [usedAt+bytes]' } as const;

export interface DatasetRecord {
  /** The content hash of the frame (hashFrame). */
  id: string;
  name: string;
  /** Where the data came from (a notebook source spec or any JSON value). */
  source: unknown;
  /** The frame's own `meta.source` label, so a loaded frame carries the label it was saved with. */
  sourceLabel: string;
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
  /** Added later without a dexie version (no key or index changed): rows written before lack them. */
  createdAt?: number;
  /** Counts saves, for compare-and-set between tabs (notebooks.ts). */
  revision?: number;
}

export interface RunRecord {
  id: string;
  notebookId: string;
  notebookHash: string;
  createdAt: number;
  report: unknown;
  series: unknown;
  /** Added later without a dexie version (no key or index changed): rows written before lack it. */
  doc?: unknown;
}

export interface ModelRecord {
  id: string;
  createdAt: number;
  artifacts: unknown;
}

export interface ModelMetaRecord {
  id: string;
  notebookId: string;
  createdAt: number;
  /** Parsed with deployedModelSchema on every read. */
  meta: unknown;
}

export interface CacheRecord {
  /** A content key (src/notebook/planKeys.ts, cacheFold.ts). */
  key: string;
  /** A sealed cache value; parsed and checked by the runner on every read. */
  value: unknown;
  bytes: number;
  /** UTC ms of the last read or write. */
  usedAt: number;
}

export const DB_NAME = 'crypto-forecast-lab';

export class CryptoForecastLabDB extends Dexie {
  datasets!: EntityTable<DatasetRecord, 'id'>;
  chunks!: Dexie.Table<ChunkRecord, [string, number]>;
  notebooks!: EntityTable<NotebookRecord, 'id'>;
  runs!: EntityTable<RunRecord, 'id'>;
  models!: EntityTable<ModelRecord, 'id'>;
  modelMeta!: EntityTable<ModelMetaRecord, 'id'>;
  cache!: EntityTable<CacheRecord, 'key'>;

  constructor(name: string = DB_NAME, options?: ConstructorParameters<typeof Dexie>[1]) {
    super(name, options);
    this.version(1).stores(SCHEMA_V1);
    // A new table only: no row of version 1 changes shape, so there is nothing to upgrade.
    this.version(2).stores(SCHEMA_V2);
    // A new table only, as in version 2.
    this.version(3).stores(SCHEMA_V3);
  }
}

/** The app database (opened lazily on first use). Tests pass a unique name, or fake-indexeddb's
 * `{ indexedDB, IDBKeyRange }` as options. */
export function openDb(name: string = DB_NAME, options?: ConstructorParameters<typeof Dexie>[1]): CryptoForecastLabDB {
  return new CryptoForecastLabDB(name, options);
}
