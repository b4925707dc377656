import { z } from 'zod';
import { DEFAULT_CACHE_BYTES, type RunCache } from '../notebook/cache';
import type { CryptoForecastLabDB } from './db';
import { withQuotaCheck } from './errors';

/**
 * The run cache in IndexedDB (table `cache`, db.ts version 3): survives a reload, bounded to
 * `maxBytes`, the least recently used entries evicted first. Rows are checked here for their
 * shape; the runner checks each value's key, checksum and schema (src/notebook/cache.ts).
 */
export interface IdbRunCache extends RunCache {
  stats(): Promise<RunCacheStats>;
  clear(): Promise<void>;
}

export interface RunCacheStats {
  entries: number;
  bytes: number;
}

const rowSchema = z.object({ key: z.string(), value: z.unknown(), bytes: z.number().nonnegative(), usedAt: z.number() });
const indexKeySchema = z.tuple([z.number(), z.number()]);

export interface RunCacheOptions {
  maxBytes?: number;
  /** UTC ms; tests pass a clock. */
  now?: () => number;
}

export function createIdbRunCache(db: CryptoForecastLabDB, options: RunCacheOptions = {}): IdbRunCache {
  const maxBytes = options.maxBytes ?? DEFAULT_CACHE_BYTES;
  const now = options.now ?? Date.now;
  const byUse = () => db.cache.orderBy('[usedAt+bytes]');

  /** Deletes the oldest-used entries (never `keep`) until the total fits. */
  const evict = async (keep: string) => {
    const [indexKeys, keys] = await Promise.all([byUse().keys(), byUse().primaryKeys()]);
    const sizes = indexKeys.map((k) => {
      const parsed = indexKeySchema.safeParse(k);
      return parsed.success ? parsed.data[1] : 0;
    });
    let total = sizes.reduce((a, b) => a + b, 0);
    const doomed: string[] = [];
    for (const [i, key] of keys.entries()) {
      if (total <= maxBytes) break;
      if (key === keep) continue;
      doomed.push(key);
      total -= sizes[i]!;
    }
    if (doomed.length) await db.cache.bulkDelete(doomed);
  };

  return {
    async get(key) {
      return db.transaction('rw', db.cache, async () => {
        const parsed = rowSchema.safeParse(await db.cache.get(key));
        if (!parsed.success) return undefined;
        await db.cache.update(key, { usedAt: now() });
        return parsed.data.value;
      });
    },

    async put(key, value, bytes) {
      if (bytes > maxBytes) return;
      await withQuotaCheck(() =>
        db.transaction('rw', db.cache, async () => {
          await db.cache.put({ key, value, bytes, usedAt: now() });
          await evict(key);
        }),
      );
    },

    async stats() {
      const indexKeys = await byUse().keys();
      const bytes = indexKeys.reduce<number>((sum, k) => {
        const parsed = indexKeySchema.safeParse(k);
        return sum + (parsed.success ? parsed.data[1] : 0);
      }, 0);
      return { entries: indexKeys.length, bytes };
    },

    clear: () => db.cache.clear(),
  };
}
