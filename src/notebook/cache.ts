import { z } from 'zod';
import { Sha256 } from '../core/hash';
import { CACHE_FORMAT } from './planKeys';

/**
 * The run cache: cell outputs and walk-forward folds stored under their content keys (planKeys.ts).
 * Values are plain structured-clone data (typed arrays allowed, never tensors). Each is sealed with
 * its key and a checksum of its content, and parsed by its schema on read: a damaged, foreign or
 * outdated entry is a miss, never a wrong number.
 */
export interface RunCache {
  /** The stored value, or undefined for a miss. */
  get(key: string): Promise<unknown>;
  /** `bytes`: the value's approximate size, for the cache's size bound. */
  put(key: string, value: unknown, bytes: number): Promise<void>;
}

export const DEFAULT_CACHE_BYTES = 200 * 1024 * 1024;

const encoder = new TextEncoder();

function digestInto(hasher: Sha256, value: unknown): void {
  if (ArrayBuffer.isView(value)) {
    hasher.update(encoder.encode(`<${value.constructor.name}:${value.byteLength}>`));
    // Every NaN as one bit pattern: a store may rewrite NaN payloads, which mean the same "missing".
    const bytes = value instanceof Float64Array && value.some(Number.isNaN) ? Float64Array.from(value, (v) => (Number.isNaN(v) ? NaN : v)) : value;
    hasher.update(new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength));
  } else if (Array.isArray(value)) {
    hasher.update(encoder.encode(`[${value.length}`));
    for (const item of value) digestInto(hasher, item);
    hasher.update(encoder.encode(']'));
  } else if (value !== null && typeof value === 'object') {
    const keys = Object.keys(value).sort();
    hasher.update(encoder.encode(`{${keys.length}`));
    for (const key of keys) {
      hasher.update(encoder.encode(JSON.stringify(key)));
      digestInto(hasher, (value as Record<string, unknown>)[key]);
    }
    hasher.update(encoder.encode('}'));
  } else if (typeof value === 'number') {
    hasher.update(encoder.encode(Object.is(value, -0) ? 'n-0;' : `n${value};`));
  } else {
    hasher.update(encoder.encode(`${typeof value}:${JSON.stringify(value) ?? ''};`));
  }
}

/** A checksum of a structured value: typed arrays by their bytes, objects with sorted keys. */
export function valueChecksum(value: unknown): string {
  const hasher = new Sha256();
  digestInto(hasher, value);
  return hasher.digestHex();
}

/** Approximate bytes a value takes in storage (typed arrays exactly, the rest estimated). */
export function approxBytes(value: unknown): number {
  if (ArrayBuffer.isView(value)) return value.byteLength + 16;
  if (Array.isArray(value)) return value.reduce<number>((sum, item) => sum + approxBytes(item), 16);
  if (value !== null && typeof value === 'object') {
    return Object.entries(value).reduce((sum, [key, item]) => sum + key.length * 2 + approxBytes(item), 16);
  }
  if (typeof value === 'string') return value.length * 2 + 8;
  return 8;
}

const envelopeSchema = z.object({ format: z.number(), key: z.string(), checksum: z.string(), payload: z.unknown() });

/** Stores `payload` under `key`; a failing store costs only time on the next run, so its error is returned, not thrown. */
export async function writeCached(cache: RunCache | undefined, key: string, payload: unknown): Promise<string | null> {
  if (!cache) return null;
  const envelope = { format: CACHE_FORMAT, key, checksum: valueChecksum(payload), payload };
  try {
    await cache.put(key, envelope, approxBytes(payload));
    return null;
  } catch (error) {
    return `the run cache could not store ${key.slice(0, 12)}…: ${error instanceof Error ? error.message : String(error)}`;
  }
}

/** The payload stored under `key` if it is intact and matches `schema`; undefined otherwise (a miss). */
export async function readCached<T>(cache: RunCache | undefined, key: string, schema: z.ZodType<T>): Promise<T | undefined> {
  if (!cache) return undefined;
  const stored = await cache.get(key).catch(() => undefined);
  const envelope = envelopeSchema.safeParse(stored);
  if (!envelope.success) return undefined;
  const { format, key: storedKey, checksum, payload } = envelope.data;
  if (format !== CACHE_FORMAT || storedKey !== key || checksum !== valueChecksum(payload)) return undefined;
  const parsed = schema.safeParse(payload);
  return parsed.success ? parsed.data : undefined;
}

export interface MemoryCache extends RunCache {
  readonly entries: number;
  readonly bytes: number;
  clear(): void;
}

/**
 * An in-memory cache (Node, CLI, tests) bounded to `maxBytes`, least recently used evicted first.
 * Values are structured-cloned in and out, as IndexedDB does, so no caller shares a buffer with it.
 */
export function createMemoryCache(maxBytes = DEFAULT_CACHE_BYTES): MemoryCache {
  const store = new Map<string, { value: unknown; bytes: number }>();
  let total = 0;
  const remove = (key: string) => {
    const entry = store.get(key);
    if (!entry) return;
    total -= entry.bytes;
    store.delete(key);
  };
  return {
    get entries() {
      return store.size;
    },
    get bytes() {
      return total;
    },
    clear() {
      store.clear();
      total = 0;
    },
    async get(key) {
      const entry = store.get(key);
      if (!entry) return undefined;
      store.delete(key);
      store.set(key, entry);
      return structuredClone(entry.value);
    },
    async put(key, value, bytes) {
      remove(key);
      if (bytes > maxBytes) return;
      store.set(key, { value: structuredClone(value), bytes });
      total += bytes;
      for (const oldest of store.keys()) {
        if (total <= maxBytes) break;
        remove(oldest);
      }
    },
  };
}
