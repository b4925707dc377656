/** Storage failures in words a user can act on. */

export interface StorageUsage {
  /** Bytes this site stores, and the most the browser will let it store (StorageManager.estimate). */
  usage: number;
  quota: number;
}

export class StorageQuotaError extends Error {
  override readonly name = 'StorageQuotaError';
  /** What the browser reported when the write failed; undefined where it cannot say. */
  readonly usage: StorageUsage | undefined;

  constructor(usage: StorageUsage | undefined, options?: { cause?: unknown }) {
    const amount = usage ? ` (this site stores ${formatBytes(usage.usage)} of the ${formatBytes(usage.quota)} it may use)` : '';
    super(`Browser storage is full${amount}: delete old datasets or runs in the Library, or free disk space, then try again.`, options);
    this.usage = usage;
  }
}

/** A stored record that no longer has the shape we wrote: names the record and the way out. */
export class StorageCorruptError extends Error {
  override readonly name = 'StorageCorruptError';
}

export function formatBytes(bytes: number): string {
  if (bytes >= 1e9) return `${(bytes / 1e9).toFixed(2)} GB`;
  if (bytes >= 1e6) return `${(bytes / 1e6).toFixed(1)} MB`;
  if (bytes >= 1e3) return `${(bytes / 1e3).toFixed(0)} kB`;
  return `${bytes} B`;
}

const QUOTA_NAMES = new Set(['QuotaExceededError', 'NS_ERROR_DOM_QUOTA_REACHED']);

/**
 * True for the browser's quota DOMException and for dexie's wrappers of it: Dexie.QuotaExceededError,
 * an AbortError carrying it as `inner` (dexie's docs: some browsers abort the transaction instead of
 * failing the request), an Error `cause`, or one of a BulkError's `failures`.
 */
export function isQuotaError(error: unknown, depth = 0): boolean {
  if (!error || typeof error !== 'object' || depth > 5) return false;
  const e = error as { name?: unknown; code?: unknown; inner?: unknown; cause?: unknown; failures?: unknown };
  if (typeof e.name === 'string' && QUOTA_NAMES.has(e.name)) return true;
  // Legacy DOMException code 22 (QUOTA_EXCEEDED_ERR) where the name is not set.
  if (typeof DOMException !== 'undefined' && error instanceof DOMException && e.code === 22) return true;
  if (isQuotaError(e.inner, depth + 1) || isQuotaError(e.cause, depth + 1)) return true;
  return Array.isArray(e.failures) && e.failures.some((f) => isQuotaError(f, depth + 1));
}

function storageManager(): StorageManager | undefined {
  return typeof navigator === 'undefined' ? undefined : navigator.storage;
}

/** What this origin stores and may store; undefined where the browser cannot say (or in Node). */
export async function estimateUsage(): Promise<StorageUsage | undefined> {
  const storage = storageManager();
  if (typeof storage?.estimate !== 'function') return undefined;
  try {
    const { usage, quota } = await storage.estimate();
    return usage === undefined || quota === undefined ? undefined : { usage, quota };
  } catch {
    return undefined;
  }
}

/** A quota failure becomes StorageQuotaError (with the usage); anything else is returned unchanged. */
export async function toStorageError(error: unknown): Promise<unknown> {
  return isQuotaError(error) ? new StorageQuotaError(await estimateUsage(), { cause: error }) : error;
}

/** Runs a storage write; a quota failure becomes a StorageQuotaError, anything else passes through. */
export async function withQuotaCheck<T>(write: () => Promise<T>): Promise<T> {
  try {
    return await write();
  } catch (error) {
    throw await toStorageError(error);
  }
}

/**
 * Asks the browser not to evict our data under storage pressure (navigator.storage.persist()).
 * Returns whether storage is persistent; false where the API is missing or the browser declines.
 */
export async function requestPersistence(): Promise<boolean> {
  const storage = storageManager();
  if (typeof storage?.persist !== 'function') return false;
  try {
    if (typeof storage.persisted === 'function' && (await storage.persisted())) return true;
    return await storage.persist();
  } catch {
    return false;
  }
}
