import { z } from 'zod';
import type { CryptoForecastLabDB } from './db';
import { StorageCorruptError, withQuotaCheck } from './errors';

/**
 * The row's shape only: the document itself is validated (and migrated) by the notebook layer.
 * Rows written before revisions existed (no `createdAt`, no `revision`) read as revision 1 created
 * at their last save; adding the two fields needed no dexie version (no key or index changed).
 */
const notebookRecordSchema = z
  .object({
    id: z.string(),
    title: z.string(),
    doc: z.unknown(),
    updatedAt: z.number(),
    createdAt: z.number().optional(),
    revision: z.number().int().positive().optional(),
  })
  .transform((row) => ({ ...row, createdAt: row.createdAt ?? row.updatedAt, revision: row.revision ?? 1 }));
export type StoredNotebook = z.infer<typeof notebookRecordSchema>;
/** What the Library lists: the document is left out. */
export type NotebookSummary = Omit<StoredNotebook, 'doc'>;

/**
 * A compare-and-set save: `saved` with the new summary, or `conflict` with what is stored now
 * (null when the notebook was deleted) and nothing written.
 */
export type SaveOutcome = { status: 'saved'; notebook: NotebookSummary } | { status: 'conflict'; current: NotebookSummary | null };

function titleOf(doc: unknown): string {
  const title = doc !== null && typeof doc === 'object' ? (doc as { title?: unknown }).title : undefined;
  return typeof title === 'string' ? title : '';
}

function parseRow(row: unknown, id: string): StoredNotebook {
  const parsed = notebookRecordSchema.safeParse(row);
  if (!parsed.success) {
    throw new StorageCorruptError(`stored notebook "${id}" is damaged; open it again from its file or share link`);
  }
  return parsed.data;
}

function summaryOf(record: StoredNotebook): NotebookSummary {
  const { id, title, createdAt, updatedAt, revision } = record;
  return { id, title, createdAt, updatedAt, revision };
}

/**
 * Stores `doc` under `id` only if the stored revision is still `expectedRevision` (null: only if no
 * notebook `id` is stored), as revision + 1. The read and the write share one IndexedDB transaction,
 * which other tabs cannot interleave, so two tabs never both win the same revision.
 */
export async function saveNotebookRevision(db: CryptoForecastLabDB, id: string, doc: unknown, expectedRevision: number | null): Promise<SaveOutcome> {
  return withQuotaCheck(() =>
    db.transaction('rw', db.notebooks, async (): Promise<SaveOutcome> => {
      const row = await db.notebooks.get(id);
      const current = row ? parseRow(row, id) : null;
      if ((current?.revision ?? null) !== expectedRevision) return { status: 'conflict', current: current ? summaryOf(current) : null };
      const now = Date.now();
      const record: StoredNotebook = { id, title: titleOf(doc), doc, createdAt: current?.createdAt ?? now, updatedAt: now, revision: (current?.revision ?? 0) + 1 };
      await db.notebooks.put(record);
      return { status: 'saved', notebook: summaryOf(record) };
    }),
  );
}

/** Stores the document under `id` whatever is stored there (a new revision); for new notebooks. */
export async function saveNotebook(db: CryptoForecastLabDB, id: string, doc: unknown): Promise<NotebookSummary> {
  return withQuotaCheck(() =>
    db.transaction('rw', db.notebooks, async () => {
      const row = await db.notebooks.get(id);
      const revision = row ? parseRow(row, id).revision : null;
      const outcome = await saveNotebookRevision(db, id, doc, revision);
      if (outcome.status !== 'saved') throw new Error(`notebook "${id}" changed during its own save`);
      return outcome.notebook;
    }),
  );
}

/** The stored row (document as raw JSON, the notebook layer parses it), or null when there is none. */
export async function loadNotebookRecord(db: CryptoForecastLabDB, id: string): Promise<StoredNotebook | null> {
  const row = await db.notebooks.get(id);
  return row ? parseRow(row, id) : null;
}

/** The stored document as raw JSON (the notebook layer parses it), or null when there is none. */
export async function loadNotebook(db: CryptoForecastLabDB, id: string): Promise<unknown> {
  return (await loadNotebookRecord(db, id))?.doc ?? null;
}

/** Notebooks with a valid row, most recently saved first. */
export async function listNotebooks(db: CryptoForecastLabDB): Promise<NotebookSummary[]> {
  const rows = await db.notebooks.orderBy('updatedAt').reverse().toArray();
  return rows.flatMap((row) => {
    const parsed = notebookRecordSchema.safeParse(row);
    return parsed.success ? [summaryOf(parsed.data)] : [];
  });
}

/** Removes the notebook and returns its row (to undo with restoreNotebook), or null when none was stored. */
export async function deleteNotebook(db: CryptoForecastLabDB, id: string): Promise<StoredNotebook | null> {
  return db.transaction('rw', db.notebooks, async () => {
    const row = await db.notebooks.get(id);
    if (!row) return null;
    const record = parseRow(row, id);
    await db.notebooks.delete(id);
    return record;
  });
}

/**
 * Puts a deleted notebook back exactly as it was (same revision, so a tab that still holds it
 * open stays in step). Refuses when a notebook was stored under its id meanwhile.
 */
export async function restoreNotebook(db: CryptoForecastLabDB, record: StoredNotebook): Promise<void> {
  await withQuotaCheck(() =>
    db.transaction('rw', db.notebooks, async () => {
      if (await db.notebooks.get(record.id)) throw new Error(`a notebook "${record.id}" is stored again; "${record.title}" was not restored over it`);
      await db.notebooks.put(record);
    }),
  );
}
