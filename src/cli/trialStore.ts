import { createHash } from 'node:crypto';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { RunCache } from '../notebook/cache';

/** Where a CLI sweep keeps its finished trials unless --store says otherwise: beside the notebook. */
export function defaultTrialStoreDir(notebookPath: string): string {
  return join(dirname(notebookPath), '.cfl-sweep-trials');
}

/**
 * The CLI sweep's finished trials, one JSON file each under `dir`, named by the hash of the key (a
 * trial's id is already the content hash of everything it depends on). A rerun of the sweep, after
 * a Ctrl-C, a crash or a lost Redis, reads them back instead of running them again. An unreadable
 * or damaged file is a miss (runSweep parses every stored outcome), so the trial simply runs again.
 */
export function createFileTrialStore(dir: string): RunCache {
  const file = (key: string) => join(dir, `${createHash('sha256').update(key).digest('hex').slice(0, 40)}.json`);
  return {
    async get(key) {
      try {
        return JSON.parse(await readFile(file(key), 'utf8')) as unknown;
      } catch {
        return undefined;
      }
    },
    async put(key, value) {
      const target = file(key);
      await mkdir(dirname(target), { recursive: true });
      // Written whole, then renamed: a sweep killed mid-write leaves no half file under the key.
      const partial = `${target}.${process.pid}.partial`;
      await writeFile(partial, JSON.stringify(value));
      await rename(partial, target);
    },
  };
}
