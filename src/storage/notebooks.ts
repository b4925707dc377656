import { z } from 'zod';
import type { CryptoForecastLabDB } from './db';
import { withQuotaCheck } from './errors';

const notebookRecordSchema = z.object({ id: z.string(), title: z.string(), doc: z.unknown(), updatedAt: z.number() });
export type StoredNotebook = z.infer<typeof notebookRecordSchema>;

/** Stores the document as JSON data; the notebook layer validates it again when it is opened. */
export async function saveNotebook(db: CryptoForecastLabDB, id: string, doc: { title: string }): Promise<void> {
  await withQuotaCheck(() => db.notebooks.put({ id, title: doc.title, doc, updatedAt: Date.now() }));
}

export async function loadNotebook(db: CryptoForecastLabDB, id: string): Promise<StoredNotebook | null> {
  const row = await db.notebooks.get(id);
  if (!row) return null;
  const parsed = notebookRecordSchema.safeParse(row);
  if (!parsed.success) throw new Error(`stored notebook "${id}" is damaged; open it from a file or link again`);
  return parsed.data;
}

export async function listNotebooks(db: CryptoForecastLabDB): Promise<StoredNotebook[]> {
  const rows = await db.notebooks.orderBy('updatedAt').reverse().toArray();
  return rows.flatMap((row) => {
    const parsed = notebookRecordSchema.safeParse(row);
    return parsed.success ? [parsed.data] : [];
  });
}
