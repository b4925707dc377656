/**
 * Share links in the CLI: `link notebook.json [--base URL]` prints a notebook's link, and `run`
 * (like features, train-model and predict) accepts a link (`'<url>#nb=...'` or `'#nb=...'`) where
 * it takes a notebook file. A link's CSV paths are read relative to the working directory.
 */
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { parseNotebookJson } from '../notebook/parse';
import type { NotebookDoc } from '../notebook/schema';
import { decodeNotebookLink, encodeNotebookLink, LINK_LIMITS, LINK_PARAM, linkSizeLevel } from '../notebook/shareLink';

export const LINK_USAGE = `usage: npm run cli -- link <notebook.json> [--base <app url>]
  prints the notebook's share link: <app url>#${LINK_PARAM}=... (only the fragment without --base).
  Any command that reads a notebook file also reads a link: npm run cli -- run '<url or #${LINK_PARAM}=...>'`;

export function isNotebookLink(arg: string): boolean {
  return arg.includes(`#${LINK_PARAM}=`) || arg.startsWith(`${LINK_PARAM}=`);
}

/** The notebook of a file path or a link, and the path CSV sources are relative to. */
export async function readNotebookArg(arg: string): Promise<{ doc: NotebookDoc; notebookPath: string }> {
  if (isNotebookLink(arg)) return { doc: await decodeNotebookLink(arg), notebookPath: resolve('link.json') };
  const notebookPath = resolve(arg);
  return { doc: parseNotebookJson(await readFile(notebookPath, 'utf8')), notebookPath };
}

interface LinkOutput {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
}

const standardOutput: LinkOutput = { stdout: (t) => process.stdout.write(t), stderr: (t) => process.stderr.write(t) };

/** `link <notebook.json> [--base URL]`: prints the link; exit 1 (with the fix) when it is too long to share. */
export async function linkCommand(argv: readonly string[], out: LinkOutput = standardOutput): Promise<number> {
  let file: string | undefined;
  let base = '';
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--base') base = argv[++i] ?? '';
    else if (arg.startsWith('--') || file !== undefined) {
      out.stderr(`error: unexpected argument "${arg}"\n${LINK_USAGE}\n`);
      return 1;
    } else file = arg;
  }
  if (file === undefined) {
    out.stderr(`${LINK_USAGE}\n`);
    return 1;
  }
  try {
    const { doc } = await readNotebookArg(file);
    const link = `${base.replace(/#.*$/, '')}${await encodeNotebookLink(doc)}`;
    const level = linkSizeLevel(link.length);
    if (level === 'refuse') {
      out.stderr(`error: the link would have ${link.length} characters, over the ${LINK_LIMITS.maxChars} a link may carry; share the notebook file (${file}) instead\n`);
      return 1;
    }
    out.stdout(`${link}\n`);
    out.stderr(`${link.length} characters${level === 'warn' ? ` (over ${LINK_LIMITS.warnChars}: some chat apps and browsers cut links this long)` : ''}\n`);
    return 0;
  } catch (error) {
    out.stderr(`error: ${error instanceof Error ? error.message : String(error)}\n`);
    return 1;
  }
}
