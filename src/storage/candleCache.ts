/**
 * A cache of fetched market/on-chain series, so loading a range twice asks the API once and
 * widening a range fetches only the bars before and after what is stored.
 *
 * WARNING: this is its own IndexedDB database (not the app's, see db.ts), and CACHE_SCHEMA_V1 and
 * SeriesRecord are a stored format on users' machines. Changing a key, an index or the record shape
 * needs a NEW `this.version(2).stores(...).upgrade(...)` (keep version 1 declared) and a migration
 * test fed by a record written by version 1 (candleCache.test.ts holds the guard); never edit
 * version 1 in place. Being a cache, clearing it is always a safe way out.
 *
 * The loader is typed structurally (CacheableLoader), so storage never imports src/sources.
 */
import Dexie from 'dexie';
import { z } from 'zod';
import { buildCleaningReport, type CleaningReport } from '../core/cleaning';
import { CancelledError } from '../core/executor';
import type { Frame } from '../core/frame';
import { withQuotaCheck } from './errors';

export const CACHE_DB_NAME = 'crypto-forecast-lab-cache';
export const CACHE_SCHEMA_V1 = { series: '[connector+symbol+interval]' } as const;
const MONTH = 31 * 86_400_000;

export interface SeriesRecord {
  connector: string;
  /** The symbol, plus `|metric,metric` when the request names metrics. */
  symbol: string;
  interval: string;
  /** The span [from, to) that was fetched (UTC ms): bars missing inside it do not exist upstream. */
  from: number;
  to: number;
  time: Float64Array;
  columns: Record<string, Float64Array>;
  name: string;
  intervalMs: number;
  source: string;
  updatedAt: number;
}

const recordSchema = z
  .object({
    connector: z.string(),
    symbol: z.string(),
    interval: z.string(),
    from: z.number(),
    to: z.number(),
    time: z.instanceof(Float64Array),
    columns: z.record(z.string(), z.instanceof(Float64Array)),
    name: z.string(),
    intervalMs: z.number().nonnegative(),
    source: z.string(),
    updatedAt: z.number(),
  })
  .refine((r) => r.from < r.to && Object.values(r.columns).every((c) => c.length === r.time.length), 'span or column lengths do not match');

export class CandleCacheDB extends Dexie {
  series!: Dexie.Table<SeriesRecord, [string, string, string]>;

  constructor(name: string = CACHE_DB_NAME, options?: ConstructorParameters<typeof Dexie>[1]) {
    super(name, options);
    this.version(1).stores(CACHE_SCHEMA_V1);
  }
}

export function openCandleCache(name: string = CACHE_DB_NAME, options?: ConstructorParameters<typeof Dexie>[1]): CandleCacheDB {
  return new CandleCacheDB(name, options);
}

export interface CacheRequest {
  symbol: string;
  interval: string;
  /** UTC ms, inclusive. */
  start: number;
  /** UTC ms, exclusive. */
  end: number;
  metrics?: string[] | undefined;
}

export interface CacheContext {
  signal?: AbortSignal;
  onProgress?: (fraction: number, message: string) => void;
}

/** Anything with an id and a load like the connectors' (src/sources/connectors/types.ts). */
export interface CacheableLoader<Ctx extends CacheContext> {
  id: string;
  load(request: CacheRequest, ctx: Ctx): Promise<{ frame: Frame; report: CleaningReport; warnings?: string[] }>;
}

export interface CachedLoadResult {
  frame: Frame;
  report: CleaningReport;
  warnings: string[];
  /** The ranges asked of the API this time; empty when everything came from the cache. */
  fetched: Array<{ start: number; end: number }>;
}

interface Part {
  time: Float64Array;
  columns: Record<string, Float64Array>;
}

/**
 * Loads through the cache. Only complete bars are stored (a bar still forming is returned but
 * fetched again next time). A request that neither overlaps nor touches the stored span replaces
 * it rather than fetching the whole hole between them. The record is written once, after every
 * fetch succeeded: a failure or a cancel leaves the cache as it was.
 */
export async function cachedLoad<Ctx extends CacheContext>(
  cache: CandleCacheDB,
  loader: CacheableLoader<Ctx>,
  request: CacheRequest,
  ctx: Ctx,
  options: { now?: () => number } = {},
): Promise<CachedLoadResult> {
  const now = (options.now ?? Date.now)();
  const key: [string, string, string] = [loader.id, symbolKey(request), request.interval];
  const stored = recordSchema.safeParse(await cache.series.get(key));
  let cached = stored.success ? stored.data : undefined;
  if (cached && (request.end < cached.from || request.start > cached.to)) cached = undefined;

  const segments: Array<{ start: number; end: number }> = [];
  if (!cached) segments.push({ start: request.start, end: request.end });
  else {
    if (request.start < cached.from) segments.push({ start: request.start, end: cached.from });
    if (request.end > cached.to) segments.push({ start: cached.to, end: request.end });
  }

  const fetched: Array<{ part: Part; meta: Frame['meta'] } | undefined> = [];
  const warnings: string[] = [];
  let emptyError: unknown;
  for (const [i, segment] of segments.entries()) {
    const onProgress = (fraction: number, message: string): void => ctx.onProgress?.((i + fraction) / segments.length, message);
    try {
      const result = await loader.load({ ...request, ...segment }, { ...ctx, onProgress });
      fetched.push({ part: result.frame, meta: result.frame.meta });
      warnings.push(...(result.warnings ?? []));
    } catch (error) {
      // An empty stretch (before a listing, or not published yet) is fine when the rest has bars.
      if (!(error instanceof Error && error.name === 'EmptyRangeError')) throw error;
      emptyError = error;
      fetched.push(undefined);
    }
  }
  if (ctx.signal?.aborted) throw new CancelledError();

  const meta = fetched.find((f) => f !== undefined)?.meta ?? (cached && { name: cached.name, intervalMs: cached.intervalMs, synthetic: false, source: cached.source });
  if (!meta) throw emptyError;
  const names = Object.keys((fetched.find((f) => f !== undefined)?.part ?? cached)!.columns);
  const parts: Part[] = [];
  const before = cached && request.start < cached.from ? fetched.shift() : undefined;
  if (before) parts.push(before.part);
  if (cached) parts.push(cached);
  for (const rest of fetched) if (rest) parts.push(rest.part);
  const merged = concat(parts, names);

  const from = cached ? Math.min(cached.from, request.start) : request.start;
  const barMs = meta.intervalMs > 0 ? meta.intervalMs : MONTH;
  // A bar is complete once open + length <= now. The span stored ends at the first bar still
  // forming (or where one could still appear), and everything from there is fetched next time.
  const forming = merged.time.find((t) => t + barMs > now);
  const to = Math.min(cached ? Math.max(cached.to, request.end) : request.end, forming ?? now - barMs + 1);
  if (segments.length > 0 && from < to) {
    const keep = slice(merged, from, to);
    const record: SeriesRecord = {
      connector: key[0], symbol: key[1], interval: key[2], from, to, ...keep,
      name: meta.name, intervalMs: meta.intervalMs, source: meta.source, updatedAt: now,
    };
    await withQuotaCheck(() => cache.series.put(record));
  }

  const out = slice(merged, request.start, request.end);
  if (out.time.length === 0) throw emptyError ?? new Error(`${loader.id} has no bars for ${request.symbol} ${request.interval} in the asked range`);
  ctx.onProgress?.(1, segments.length === 0 ? `${request.symbol} ${request.interval}: from the cache` : `${request.symbol} ${request.interval}: ${out.time.length} bars`);
  const report = buildCleaningReport(out, { intervalMs: barMs });
  return { frame: { ...out, meta: { ...meta } }, report, warnings, fetched: segments };
}

function symbolKey(request: CacheRequest): string {
  const symbol = request.symbol.trim();
  return request.metrics && request.metrics.length > 0 ? `${symbol}|${request.metrics.join(',')}` : symbol;
}

function concat(parts: Part[], names: string[]): Part {
  const rows = parts.reduce((n, p) => n + p.time.length, 0);
  const time = new Float64Array(rows);
  const columns: Record<string, Float64Array> = Object.fromEntries(names.map((n) => [n, new Float64Array(rows)]));
  let offset = 0;
  for (const part of parts) {
    time.set(part.time, offset);
    for (const name of names) {
      const values = part.columns[name];
      if (values) columns[name]!.set(values, offset);
      else columns[name]!.fill(NaN, offset, offset + part.time.length);
    }
    offset += part.time.length;
  }
  return { time, columns };
}

/** Rows with time in [from, to), copied (IndexedDB and workers must not share the buffers). */
function slice(part: Part, from: number, to: number): Part {
  let lo = 0;
  while (lo < part.time.length && part.time[lo]! < from) lo++;
  let hi = lo;
  while (hi < part.time.length && part.time[hi]! < to) hi++;
  const columns: Record<string, Float64Array> = {};
  for (const [name, values] of Object.entries(part.columns)) columns[name] = values.slice(lo, hi);
  return { time: part.time.slice(lo, hi), columns };
}
