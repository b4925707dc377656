import { z } from 'zod';
import { parseNotebook } from '../notebook/parse';
import type { NotebookDoc } from '../notebook/schema';
import { deleteDataset, listDatasets } from '../storage/datasets';
import type { CryptoForecastLabDB } from '../storage/db';
import { estimateUsage, formatBytes } from '../storage/errors';
import { createIdbRunCache } from '../storage/runCache';
import {
  deleteNotebook,
  listNotebooks,
  loadNotebookRecord,
  restoreNotebook,
  saveNotebookRevision,
  type SaveOutcome,
  type StoredNotebook,
} from '../storage/notebooks';
import { carryLatestRun, latestRun } from '../storage/runs';
import { BUILTIN_NOTEBOOKS, fetchBuiltinNotebook } from './builtinNotebooks';

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

// ---- Notebooks ---------------------------------------------------------------------------------

/** The last stored run's headline numbers (null where the run did not produce one). */
export interface NotebookHeadline {
  runAt: number;
  rmse: number | null;
  directionalAccuracy: number | null;
  sharpe: number | null;
}

export interface LibraryNotebook {
  id: string;
  title: string;
  /** Shipped with the app: it opens pristine, and an edit makes a user copy. */
  builtin: boolean;
  /** Null for built-ins. */
  updatedAt: number | null;
  revision: number | null;
  headline: NotebookHeadline | null;
}

export type { SaveOutcome };
/** A deleted notebook as it was stored, for undo. */
export type DeletedNotebook = StoredNotebook;
/** Another tab stored (revision) or deleted (null) notebook `id`. */
export interface NotebookChange {
  id: string;
  revision: number | null;
}

export interface NotebookLibrary {
  /** Built-ins first, then the user's notebooks, most recently edited first. */
  list(): Promise<LibraryNotebook[]>;
  isBuiltin(id: string): boolean;
  /** A stored notebook with its revision, or null when none is stored under `id`. */
  load(id: string): Promise<{ doc: NotebookDoc; revision: number } | null>;
  /** The document of any notebook, built-in or stored. */
  document(id: string): Promise<NotebookDoc>;
  /** Stores `doc` as a new user notebook. */
  create(doc: NotebookDoc): Promise<{ id: string; revision: number }>;
  /** Gives `toId` the newest run of `fromId` unless it has a newer one (a copy keeps the run it was made after). */
  carryRun(fromId: string, toId: string): Promise<void>;
  /** Compare-and-set save (storage/notebooks.ts); other tabs hear of a successful one. */
  save(id: string, doc: NotebookDoc, expectedRevision: number | null): Promise<SaveOutcome>;
  remove(id: string): Promise<DeletedNotebook | null>;
  restore(deleted: DeletedNotebook): Promise<void>;
  /** Changes made by other tabs (BroadcastChannel); returns the unsubscribe function. */
  onChange(listener: (change: NotebookChange) => void): () => void;
  close(): void;
}

const CHANNEL_NAME = 'crypto-forecast-lab/notebooks';
const changeMessageSchema = z.object({ kind: z.literal('notebook-changed'), id: z.string(), revision: z.number().int().positive().nullable() });

const headlineSourceSchema = z.object({
  metrics: z.object({ rmse: z.number().nullable(), directionalAccuracy: z.number().nullable() }),
  backtest: z.object({ strategy: z.object({ sharpe: z.number().nullable() }) }),
});

async function headlineOf(db: CryptoForecastLabDB, id: string): Promise<NotebookHeadline | null> {
  const run = await latestRun(db, id).catch(() => null);
  const parsed = headlineSourceSchema.safeParse(run?.report);
  if (!run || !parsed.success) return null;
  const { metrics, backtest } = parsed.data;
  return { runAt: run.createdAt, rmse: metrics.rmse, directionalAccuracy: metrics.directionalAccuracy, sharpe: backtest.strategy.sharpe };
}

function newNotebookId(): string {
  return `user-${Date.now().toString(36)}-${crypto.randomUUID().slice(0, 8)}`;
}

export function createNotebookLibrary(db: CryptoForecastLabDB): NotebookLibrary {
  const builtinIds = new Set(BUILTIN_NOTEBOOKS.map((e) => e.id));
  const channel = typeof BroadcastChannel === 'function' ? new BroadcastChannel(CHANNEL_NAME) : null;
  const listeners = new Set<(change: NotebookChange) => void>();
  channel?.addEventListener('message', (event: MessageEvent<unknown>) => {
    const message = changeMessageSchema.safeParse(event.data);
    if (!message.success) return;
    for (const listener of listeners) listener({ id: message.data.id, revision: message.data.revision });
  });
  const announce = (id: string, revision: number | null) => channel?.postMessage({ kind: 'notebook-changed', id, revision });

  const library: NotebookLibrary = {
    async list() {
      const stored = (await listNotebooks(db)).filter((n) => !builtinIds.has(n.id));
      const builtins = BUILTIN_NOTEBOOKS.map((e) => ({ id: e.id, title: e.title, builtin: true, updatedAt: null, revision: null }));
      const users = stored.map((n) => ({ id: n.id, title: n.title, builtin: false, updatedAt: n.updatedAt, revision: n.revision }));
      return Promise.all([...builtins, ...users].map(async (n) => ({ ...n, headline: await headlineOf(db, n.id) })));
    },

    isBuiltin: (id) => builtinIds.has(id),

    async load(id) {
      const record = await loadNotebookRecord(db, id);
      return record ? { doc: parseNotebook(record.doc), revision: record.revision } : null;
    },

    async document(id) {
      const builtin = BUILTIN_NOTEBOOKS.find((e) => e.id === id);
      if (builtin?.url) return fetchBuiltinNotebook({ ...builtin, url: builtin.url });
      const stored = await library.load(id);
      if (!stored) throw new Error(`notebook "${id}" is no longer stored in this browser`);
      return stored.doc;
    },

    async create(doc) {
      const id = newNotebookId();
      const outcome = await saveNotebookRevision(db, id, doc, null);
      if (outcome.status !== 'saved') throw new Error(`notebook id "${id}" is taken; try again`);
      announce(id, outcome.notebook.revision);
      return { id, revision: outcome.notebook.revision };
    },

    async carryRun(fromId, toId) {
      await carryLatestRun(db, fromId, toId);
    },

    async save(id, doc, expectedRevision) {
      const outcome = await saveNotebookRevision(db, id, doc, expectedRevision);
      if (outcome.status === 'saved') announce(id, outcome.notebook.revision);
      return outcome;
    },

    async remove(id) {
      const deleted = await deleteNotebook(db, id);
      if (deleted) announce(id, null);
      return deleted;
    },

    async restore(deleted) {
      await restoreNotebook(db, deleted);
      announce(deleted.id, deleted.revision);
    },

    onChange(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },

    close() {
      listeners.clear();
      channel?.close();
    },
  };
  return library;
}
