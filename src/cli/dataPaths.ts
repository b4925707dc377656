import { realpath } from 'node:fs/promises';
import { isAbsolute, relative, resolve } from 'node:path';
import { openCsvFile } from './csvFile';

/**
 * Where the CLI may read a notebook's data files: the notebook's own folder and every folder
 * named with --data-dir. A notebook is untrusted input (a shared file), so its CSV `path` is
 * checked twice: lexically before anything is opened (`..`, absolute paths), then on the real
 * path (a symlink inside the folder pointing out of it). Errors name the path and the rule and
 * never quote the file.
 */
export interface DataRoots {
  notebookDir: string;
  dataDirs: readonly string[];
}

function inside(root: string, candidate: string): boolean {
  const rel = relative(root, candidate);
  return rel === '' || (!rel.startsWith('..') && !isAbsolute(rel));
}

function rule(roots: DataRoots): string {
  const extra = roots.dataDirs.length > 0 ? ` or a --data-dir folder (${roots.dataDirs.join(', ')})` : '';
  return `the CLI reads a notebook's CSV only from inside the notebook's folder (${roots.notebookDir})${extra}; move the file there or pass --data-dir <folder that holds it>`;
}

/** The real path of `requested` (relative to the notebook's folder), or an error naming the rule it breaks. */
export async function confinedDataPath(requested: string, roots: DataRoots, what: string): Promise<string> {
  if (requested.includes('\0')) throw new Error(`${what}: path ${JSON.stringify(requested)} contains a NUL character`);
  const allowed = [roots.notebookDir, ...roots.dataDirs].map((dir) => resolve(dir));
  const candidate = resolve(roots.notebookDir, requested);
  if (!allowed.some((root) => inside(root, candidate))) {
    throw new Error(`${what}: path "${requested}" resolves to ${candidate}, outside the allowed folders: ${rule(roots)}`);
  }
  let real: string;
  try {
    real = await realpath(candidate);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'unreadable';
    throw new Error(`${what}: path "${requested}" (${candidate}) cannot be opened (${code}); the path is read relative to the notebook's folder`);
  }
  const realRoots = await Promise.all(allowed.map((root) => realpath(root).catch(() => root)));
  if (!realRoots.some((root) => inside(root, real))) {
    throw new Error(`${what}: path "${requested}" is a link to ${real}, outside the allowed folders: ${rule(roots)}`);
  }
  return real;
}

/** Opens a CSV named by a notebook as a byte stream (csvFile.ts, size-capped), confined to `roots`; errors give the path and code, never content. */
export async function openConfinedCsv(requested: string, roots: DataRoots, what: string): Promise<AsyncIterable<Uint8Array>> {
  return openCsvFile(await confinedDataPath(requested, roots, what));
}
