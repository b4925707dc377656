/**
 * The Redis behind a sweep's BullMQ queue. BullMQ 6 talks to Redis through an optional driver
 * (its peer dependency `ioredis`); a missing driver or an unreachable server is a one-line error
 * naming the URL and the fix, never a hang (ioredis alone would retry forever).
 */
export const QUEUE_NAME = 'cfl-sweep-trials';

export interface RedisOptions {
  host: string;
  port: number;
  username?: string;
  password?: string;
  db?: number;
  /** BullMQ workers need blocking commands without a retry limit. */
  maxRetriesPerRequest: null;
}

export function redisOptions(url: string): RedisOptions {
  const parsed = new URL(url);
  const db = parsed.pathname.length > 1 ? Number(parsed.pathname.slice(1)) : undefined;
  return {
    host: parsed.hostname,
    port: parsed.port ? Number(parsed.port) : 6379,
    ...(parsed.username ? { username: decodeURIComponent(parsed.username) } : {}),
    ...(parsed.password ? { password: decodeURIComponent(parsed.password) } : {}),
    ...(db !== undefined && Number.isInteger(db) ? { db } : {}),
    maxRetriesPerRequest: null,
  };
}

interface PingClient {
  on(event: 'error', listener: (error: Error) => void): unknown;
  connect(): Promise<void>;
  ping(): Promise<string>;
  disconnect(): void;
}
type PingClientClass = new (options: Record<string, unknown>) => PingClient;

async function ioredis(): Promise<PingClientClass> {
  try {
    // Named through a variable: the driver is optional, so neither the type check nor the bundle needs it.
    const driver = 'ioredis';
    const module = (await import(driver)) as { default: PingClientClass };
    return module.default;
  } catch {
    throw new Error("trials on a queue need BullMQ's Redis driver: run `npm install ioredis` (BullMQ 6 lists it as an optional peer dependency)");
  }
}

/** Resolves when Redis at `url` answers PING within `timeoutMs`; else a clear error. */
export async function checkRedis(url: string, timeoutMs = 3000): Promise<void> {
  const Redis = await ioredis();
  const options = redisOptions(url);
  const client = new Redis({ ...options, lazyConnect: true, connectTimeout: timeoutMs, maxRetriesPerRequest: 0, retryStrategy: () => null, enableOfflineQueue: false });
  // The failure is reported by connect(); the event would only be logged a second time.
  client.on('error', () => undefined);
  try {
    await client.connect();
    await client.ping();
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new Error(`cannot reach Redis at ${url} (${reason}): start redis-server there, or pass the right --queue redis://HOST:PORT`);
  } finally {
    client.disconnect();
  }
}
