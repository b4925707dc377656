/**
 * Share-link length of each built-in notebook (the fragment `#nb=...`, characters) against
 * lz-string's compressToEncodedURIComponent of the same canonical JSON (marimo's encoding).
 * Goal: the demo's link fits a chat message (2,000 characters with the app's URL in front).
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import lzString from 'lz-string';
import { canonicalJson } from '../src/notebook/canonical';
import { parseNotebookJson } from '../src/notebook/parse';
import { encodeNotebookLink } from '../src/notebook/shareLink';
import { BUILTIN_NOTEBOOKS } from '../src/services/builtinNotebooks';
import type { BenchResult } from './node';

export const DEMO_LINK_GOAL_CHARS = 2_000;

export async function linkBenchmarks(log: (line: string) => void): Promise<BenchResult[]> {
  const results: BenchResult[] = [];
  for (const entry of BUILTIN_NOTEBOOKS) {
    if (!entry.url) continue;
    const doc = parseNotebookJson(readFileSync(resolve(import.meta.dirname, '../public', entry.url), 'utf8'));
    const json = canonicalJson(doc);
    const link = await encodeNotebookLink(doc);
    const lz = `#nb=${lzString.compressToEncodedURIComponent(json)}`;
    const detail: Record<string, unknown> = { jsonChars: json.length, lzStringChars: lz.length, ratioToLzString: link.length / lz.length };
    if (entry.id === 'demo') detail.goalChars = DEMO_LINK_GOAL_CHARS;
    results.push({ name: `links.length.${entry.id}`, value: link.length, unit: 'chars', detail });
    log(`link ${entry.id}: ${link.length} chars (lz-string ${lz.length}, JSON ${json.length})`);
  }
  return results;
}

if (process.argv[1] && resolve(process.argv[1]) === resolve(import.meta.filename)) {
  process.stdout.write(`${JSON.stringify(await linkBenchmarks((line) => process.stderr.write(`${line}\n`)), null, 2)}\n`);
}
