import { z } from 'zod';
import type { CryptoForecastLabDB } from './db';
import { StorageCorruptError, withQuotaCheck } from './errors';

/** The row's shape only: the document itself is validated (and migrated) by the notebook layer. */
const notebookRecordSchema = z.object({ id: z.string(), title: z.string(), doc: z.unknown(), updatedAt: z.number() });
export type StoredNotebook = z.infer<typeof notebookRecordSchema>;
/** What the Library lists: the document is left out. */
export type NotebookSummary = Omit<StoredNotebook, 'doc'>;

function titleOf(doc: unknown): string {
  const title = doc !== null && typeof doc === 'object' ? (doc as { title?: unknown }).title : undefined;
  return typeof title === 'string' ? title : '';
}

/** Stores the document as JSON data under `id`, replacing any earlier version. */
export async function saveNotebook(db: CryptoForecastLabDB, id: string, doc: unknown): Promise<void> {
  await withQuotaCheck(() => db.notebooks.put({ id, title: titleOf(doc), doc, updatedAt: Date.now() }));
}

/** The stored document as raw JSON (the notebook layer parses it), or null when there is none. */
export async function loadNotebook(db: CryptoForecastLabDB, id: string): Promise<unknown> {
  const row = await db.notebooks.get(id);
  if (!row) return null;
  const parsed = notebookRecordSchema.safeParse(row);
  if (!parsed.success) {
    throw new StorageCorruptError(`stored notebook "${id}" is damaged; open it again from its file or share link`);
  }
  return parsed.data.doc;
}

/** Notebooks with a valid row, most recently saved first. */
export async function listNotebooks(db: CryptoForecastLabDB): Promise<NotebookSummary[]> {
  const rows = await db.notebooks.orderBy('updatedAt').reverse().toArray();
  return rows.flatMap((row) => {
    const parsed = notebookRecordSchema.safeParse(row);
    return parsed.success ? [{ id: parsed.data.id, title: parsed.data.title, updatedAt: parsed.data.updatedAt }] : [];
  });
}
