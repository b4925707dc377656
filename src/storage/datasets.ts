import { Dexie } from 'dexie';
import { z } from 'zod';
import type { Frame } from '../core/frame';
import { hashFrame } from '../core/hash';
import type { ChunkRecord, CryptoForecastLabDB, DatasetRecord } from './db';
import { StorageCorruptError, withQuotaCheck } from './errors';

/** 65,536 rows a chunk: 1M candles write in ~0.3 s and read in ~0.2 s, vs ~60 s with a row per candle (PITFALLS.md). */
export const CHUNK_ROWS = 65_536;

const datasetSchema = z.object({
  id: z.string().regex(/^[0-9a-f]{64}$/),
  name: z.string(),
  source: z.unknown(),
  sourceLabel: z.string(),
  rows: z.number().int().positive(),
  start: z.number().refine(Number.isFinite, 'start must be a finite time'),
  end: z.number().refine(Number.isFinite, 'end must be a finite time'),
  columns: z.array(z.string()),
  intervalMs: z.number().nonnegative(),
  synthetic: z.boolean(),
  createdAt: z.number(),
  chunkCount: z.number().int().positive(),
  chunkRows: z.number().int().positive(),
});

const chunkSchema = z.object({
  datasetId: z.string(),
  index: z.number().int().nonnegative(),
  time: z.instanceof(Float64Array),
  columns: z.record(z.string(), z.instanceof(Float64Array)),
});

export type DatasetMeta = z.infer<typeof datasetSchema>;

function label(id: string, name?: string): string {
  return name === undefined ? `stored dataset ${id.slice(0, 12)}…` : `stored dataset "${name}" (${id.slice(0, 12)}…)`;
}

function corrupt(id: string, name: string | undefined, detail: string): StorageCorruptError {
  return new StorageCorruptError(`${label(id, name)} is damaged: ${detail}; delete it in the Library and load the data again`);
}

function issue(error: z.ZodError): string {
  const first = error.issues[0];
  return first ? `${first.path.join('.') || 'record'}: ${first.message}` : 'invalid record';
}

/** A frame we can store: rows > 0 and every column as long as time (precise errors otherwise). */
function checkFrame(frame: Frame): void {
  const rows = frame.time.length;
  if (rows === 0) throw new Error(`cannot store "${frame.meta.name}": the frame has no rows`);
  for (const [name, values] of Object.entries(frame.columns)) {
    if (values.length !== rows) {
      throw new Error(`cannot store "${frame.meta.name}": column "${name}" has ${values.length} rows, time has ${rows}`);
    }
  }
}

/** Copies of rows [start, end): `slice`, not `subarray`, or IndexedDB would clone the whole buffer. */
function buildChunks(id: string, frame: Frame, names: string[]): ChunkRecord[] {
  const rows = frame.time.length;
  const chunks: ChunkRecord[] = [];
  for (let index = 0; index * CHUNK_ROWS < rows; index++) {
    const start = index * CHUNK_ROWS;
    const end = Math.min(rows, start + CHUNK_ROWS);
    const columns: Record<string, Float64Array> = {};
    for (const name of names) columns[name] = frame.columns[name]!.slice(start, end);
    chunks.push({ datasetId: id, index, time: frame.time.slice(start, end), columns });
  }
  return chunks;
}

/**
 * Stores a frame under its content hash (hashFrame). Meta and every chunk go in one transaction,
 * so a failure leaves nothing behind. A frame already stored is not written again; its stored
 * meta is returned. `options.hash` passes a hashFrame result computed elsewhere (the CSV worker), so
 * a large frame is not hashed again on the page thread.
 */
export async function saveFrame(db: CryptoForecastLabDB, frame: Frame, source: unknown, options: { hash?: string } = {}): Promise<DatasetMeta> {
  checkFrame(frame);
  const id = options.hash ?? hashFrame(frame);
  const rows = frame.time.length;
  const names = Object.keys(frame.columns);
  const meta: DatasetRecord = {
    id,
    name: frame.meta.name,
    source,
    sourceLabel: frame.meta.source,
    rows,
    start: frame.time[0]!,
    end: frame.time[rows - 1]!,
    columns: names,
    intervalMs: frame.meta.intervalMs,
    synthetic: frame.meta.synthetic,
    createdAt: Date.now(),
    chunkCount: Math.ceil(rows / CHUNK_ROWS),
    chunkRows: CHUNK_ROWS,
  };
  const checked = datasetSchema.safeParse(meta);
  if (!checked.success) throw new Error(`cannot store "${frame.meta.name}": ${issue(checked.error)}`);
  return withQuotaCheck(() =>
    db.transaction('rw', db.datasets, db.chunks, async () => {
      const existing = await db.datasets.get(id);
      if (existing) return parseMeta(id, existing);
      await db.datasets.put(meta);
      // One put per chunk: each structured clone is a short task instead of one long one.
      for (const chunk of buildChunks(id, frame, names)) await db.chunks.put(chunk);
      return checked.data;
    }),
  );
}

function parseMeta(id: string, raw: unknown): DatasetMeta {
  const parsed = datasetSchema.safeParse(raw);
  if (parsed.success) return parsed.data;
  const name = typeof (raw as { name?: unknown }).name === 'string' ? (raw as { name: string }).name : undefined;
  throw corrupt(id, name, `metadata ${issue(parsed.error)}`);
}

/** Reassembles a stored frame, checking every chunk against its meta (indexes, columns, lengths). */
export async function loadFrame(db: CryptoForecastLabDB, id: string): Promise<Frame> {
  const [rawMeta, rawChunks] = await db.transaction('r', db.datasets, db.chunks, async () => [
    await db.datasets.get(id),
    // The compound primary key sorts chunks by index.
    await db.chunks.where('[datasetId+index]').between([id, Dexie.minKey], [id, Dexie.maxKey]).toArray(),
  ]);
  if (!rawMeta) throw new Error(`no ${label(id)}: it was deleted or never saved; load the data again`);
  const meta = parseMeta(id, rawMeta);
  const fail = (detail: string) => corrupt(id, meta.name, detail);
  const indexes = rawChunks.map((c) => (c as { index?: unknown }).index);
  if (rawChunks.length !== meta.chunkCount || indexes.some((index, i) => index !== i)) {
    throw fail(`expected chunks 0..${meta.chunkCount - 1}, found [${indexes.join(', ')}]`);
  }

  const time = new Float64Array(meta.rows);
  const columns: Record<string, Float64Array> = {};
  for (const name of meta.columns) columns[name] = new Float64Array(meta.rows);
  let offset = 0;
  rawChunks.forEach((raw, position) => {
    const parsed = chunkSchema.safeParse(raw);
    if (!parsed.success) throw fail(`chunk ${position} ${issue(parsed.error)}`);
    const chunk = parsed.data;
    const length = chunk.time.length;
    const expected = position < meta.chunkCount - 1 ? meta.chunkRows : meta.rows - offset;
    if (length !== expected) throw fail(`chunk ${position} has ${length} rows, expected ${expected}`);
    const stored = Object.keys(chunk.columns);
    if (stored.length !== meta.columns.length) throw fail(`chunk ${position} has columns [${stored.join(', ')}], expected [${meta.columns.join(', ')}]`);
    time.set(chunk.time, offset);
    for (const name of meta.columns) {
      const values = chunk.columns[name];
      if (!values) throw fail(`chunk ${position} lacks column "${name}"`);
      if (values.length !== length) throw fail(`chunk ${position} column "${name}" has ${values.length} rows, time has ${length}`);
      columns[name]!.set(values, offset);
    }
    offset += length;
  });
  return { time, columns, meta: { name: meta.name, intervalMs: meta.intervalMs, synthetic: meta.synthetic, source: meta.sourceLabel } };
}

/**
 * Every stored dataset with a valid meta row, newest first. A damaged row is left out rather than
 * failing the whole Library; loadFrame on it names the damage, and deleteDataset still removes it.
 */
export async function listDatasets(db: CryptoForecastLabDB): Promise<DatasetMeta[]> {
  const rows = await db.datasets.orderBy('createdAt').reverse().toArray();
  return rows.flatMap((row) => {
    const parsed = datasetSchema.safeParse(row);
    return parsed.success ? [parsed.data] : [];
  });
}

/** Removes a dataset's meta and all its chunks in one transaction (a no-op for an unknown id). */
export async function deleteDataset(db: CryptoForecastLabDB, id: string): Promise<void> {
  await db.transaction('rw', db.datasets, db.chunks, async () => {
    await db.chunks.where('datasetId').equals(id).delete();
    await db.datasets.delete(id);
  });
}
