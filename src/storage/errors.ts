/** Storage failures in words a user can act on. */
export class StorageQuotaError extends Error {
  constructor(detail: string) {
    super(`browser storage is full${detail}: delete old datasets or runs, or free disk space, then run again`);
    this.name = 'StorageQuotaError';
  }
}

/** Dexie wraps the DOMException (a transaction's AbortError carries it as `inner`). */
function isQuotaError(error: unknown, depth = 0): boolean {
  if (!error || typeof error !== 'object' || depth > 5) return false;
  const e = error as { name?: unknown; inner?: unknown; cause?: unknown };
  if (e.name === 'QuotaExceededError' || e.name === 'NS_ERROR_DOM_QUOTA_REACHED') return true;
  return isQuotaError(e.inner, depth + 1) || isQuotaError(e.cause, depth + 1);
}

async function usageText(): Promise<string> {
  if (typeof navigator === 'undefined' || !navigator.storage?.estimate) return '';
  const { usage, quota } = await navigator.storage.estimate().catch(() => ({ usage: undefined, quota: undefined }));
  if (usage === undefined || quota === undefined) return '';
  const mb = (bytes: number) => `${(bytes / 1e6).toFixed(1)} MB`;
  return ` (${mb(usage)} used of ${mb(quota)})`;
}

/** Runs a storage write; a quota failure becomes a StorageQuotaError, anything else passes through. */
export async function withQuotaCheck<T>(write: () => Promise<T>): Promise<T> {
  try {
    return await write();
  } catch (error) {
    if (isQuotaError(error)) throw new StorageQuotaError(await usageText());
    throw error;
  }
}

/** Asks the browser not to evict our data under storage pressure; false where it cannot promise. */
export async function requestPersistence(): Promise<boolean> {
  if (typeof navigator === 'undefined' || !navigator.storage?.persist) return false;
  try {
    return (await navigator.storage.persisted()) || (await navigator.storage.persist());
  } catch {
    return false;
  }
}
