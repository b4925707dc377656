/**
 * Remembers what 'auto' measured (backendProbe.ts) per device, so the probe runs once. The
 * worker cannot reach our storage layer, so it returns the measurements and the page keeps them
 * here, in localStorage, keyed by the device: userAgent + WebGPU adapter + hardwareConcurrency.
 * A browser update, another GPU or another core count measures again.
 */
import { z } from 'zod';
import type { BackendInfo, BackendName } from '../core/executor';

export const BACKEND_CACHE_KEY = 'cfl.backend-measurement.v1';

const backendName = z.enum(['webgpu', 'wasm', 'cpu']);
const storedSchema = z.object({
  device: z.string(),
  winner: backendName,
  reason: z.string(),
  measurements: z.array(z.object({ backend: backendName, ms: z.number().nullable(), note: z.string().optional() })),
  measuredAt: z.number(),
});
export type StoredMeasurement = z.infer<typeof storedSchema>;

/** What a worker starts with instead of measuring again. */
export interface DecidedBackend {
  backend: BackendName;
  reason: string;
}

export interface BackendCache {
  /** The decision measured earlier on this device, or null (never measured, other device, unreadable). */
  get(): Promise<DecidedBackend | null>;
  /** Keeps a fresh measurement (an info without `measurements` is ignored). */
  put(info: BackendInfo): Promise<void>;
}

type StorageLike = Pick<Storage, 'getItem' | 'setItem'>;

interface AdapterInfoLike {
  vendor?: string;
  architecture?: string;
  device?: string;
  description?: string;
}
interface NavigatorLike {
  userAgent?: string;
  hardwareConcurrency?: number;
  gpu?: { requestAdapter(): Promise<{ info?: AdapterInfoLike } | null> };
}

/** userAgent + adapter description + hardwareConcurrency, as one string. */
export async function browserDeviceKey(nav: NavigatorLike | undefined = globalThis.navigator): Promise<string> {
  let adapter = 'no adapter';
  try {
    const found = await nav?.gpu?.requestAdapter();
    const info = found?.info ?? {};
    const parts = [info.vendor, info.architecture, info.device, info.description].filter((p) => typeof p === 'string' && p.length > 0);
    if (found) adapter = parts.length > 0 ? parts.join(' / ') : 'unnamed adapter';
  } catch {
    adapter = 'adapter request failed';
  }
  return [nav?.userAgent ?? 'unknown agent', adapter, `${nav?.hardwareConcurrency ?? 0} threads`].join(' | ');
}

/** "auto: measured ..." -> "auto (measured earlier on this device): measured ..." */
export function cachedReason(reason: string): string {
  return `auto (measured earlier on this device): ${reason.replace(/^auto:\s*/, '')}`;
}

export function createBackendCache(
  storage: StorageLike | null = defaultStorage(),
  deviceKey: () => Promise<string> = () => browserDeviceKey(),
): BackendCache {
  let key: Promise<string> | null = null;
  const device = (): Promise<string> => (key ??= deviceKey());
  return {
    async get() {
      if (!storage) return null;
      let raw: string | null;
      try {
        raw = storage.getItem(BACKEND_CACHE_KEY);
      } catch {
        return null;
      }
      if (raw === null) return null;
      let parsed: unknown;
      try {
        parsed = JSON.parse(raw);
      } catch {
        return null;
      }
      const stored = storedSchema.safeParse(parsed);
      if (!stored.success || stored.data.device !== (await device())) return null;
      return { backend: stored.data.winner, reason: cachedReason(stored.data.reason) };
    },
    async put(info) {
      if (!storage || !info.measurements) return;
      const record: StoredMeasurement = {
        device: await device(),
        winner: info.backend,
        reason: info.reason,
        measurements: info.measurements.map((m) => ({ backend: m.backend, ms: m.ms, ...(m.note ? { note: m.note } : {}) })),
        measuredAt: Date.now(),
      };
      try {
        storage.setItem(BACKEND_CACHE_KEY, JSON.stringify(record));
      } catch {
        // Storage full or blocked: the next session measures again, nothing worse.
      }
    },
  };
}

function defaultStorage(): StorageLike | null {
  try {
    return typeof localStorage === 'undefined' ? null : localStorage;
  } catch {
    return null;
  }
}
