import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createServer } from 'node:net';

export const REDIS_SERVER = '/usr/bin/redis-server';

/** Why the queue tests cannot run here (null: they can). */
export async function queueTestsUnavailable(): Promise<string | null> {
  if (!existsSync(REDIS_SERVER)) return `${REDIS_SERVER} is missing (Debian package redis-server; .ci/run installs it)`;
  try {
    const driver = 'ioredis';
    await import(driver);
  } catch {
    return "BullMQ's Redis driver ioredis is not installed (npm install ioredis)";
  }
  return null;
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/** A throwaway redis-server on `port` (default: a free one), no persistence; stop() kills it by its PID. */
export async function startRedis(port?: number): Promise<{ url: string; port: number; stop(): Promise<void> }> {
  port ??= await freePort();
  const child: ChildProcess = spawn(REDIS_SERVER, ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], { stdio: 'ignore' });
  const { checkRedis } = await import('./connection');
  const url = `redis://127.0.0.1:${port}`;
  for (let attempt = 0; ; attempt++) {
    try {
      await checkRedis(url, 500);
      break;
    } catch (error) {
      if (attempt > 40) {
        child.kill('SIGKILL');
        throw error;
      }
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  const exited = new Promise<void>((resolve) => (child.exitCode !== null || child.signalCode !== null ? resolve() : child.once('exit', () => resolve())));
  // Resolves once the server is gone, so its port can be taken again (a restart on the same port).
  return {
    url,
    port,
    stop: () => {
      child.kill('SIGKILL');
      return exited;
    },
  };
}
