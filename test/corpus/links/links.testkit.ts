/**
 * The hostile share-link corpus (cases.json) made into links: literal links, JSON documents and
 * raw texts deflated as the app would, and the big cases generated here (never committed).
 * Used by links.corpus.test.ts (the codec in Node) and by e2e specs (each link opened in Chromium).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { encodeBase64Url } from '../../../src/notebook/link/base64url';

const caseSchema = z.strictObject({
  name: z.string(),
  what: z.string(),
  link: z.string().optional(),
  text: z.string().optional(),
  document: z.unknown().optional(),
  generate: z.string().optional(),
  expect: z.strictObject({
    kind: z.enum(['ok', 'corrupt', 'truncated', 'too-new', 'invalid', 'too-large']),
    message: z.string().optional(),
    path: z.array(z.union([z.string(), z.number()])).optional(),
  }),
});
export type LinkCase = z.infer<typeof caseSchema> & { /** The link to open: `#nb=...` (append it to the app's URL). */ fragment: string };

async function deflate(bytes: Uint8Array): Promise<Uint8Array> {
  const copy = new Uint8Array(bytes);
  return new Uint8Array(await new Response(new Blob([copy]).stream().pipeThrough(new CompressionStream('deflate-raw'))).arrayBuffer());
}

const textLink = async (text: string) => `#nb=${encodeBase64Url(await deflate(new TextEncoder().encode(text)))}`;

async function demoLink(): Promise<string> {
  const demo: unknown = JSON.parse(readFileSync(join(import.meta.dirname, '../../../public/notebooks/demo.json'), 'utf8'));
  return textLink(JSON.stringify(demo));
}

const GENERATORS: Record<string, () => Promise<string>> = {
  'deep-arrays-100k': () => textLink(`${'['.repeat(100_000)}${']'.repeat(100_000)}`),
  'deep-objects-100k': () => textLink(`${'{"a":'.repeat(100_000)}1${'}'.repeat(100_000)}`),
  'payload-50mb': async () => `#nb=${'A'.repeat(50 * 1024 * 1024)}`,
  'payload-33k': async () => `#nb=${'A'.repeat(33_000)}`,
  'deflate-bomb-20mb': () => textLink(' '.repeat(20 * 1024 * 1024)),
  'array-100k': () => textLink(`{"cells":[${new Array(100_000).fill('0').join(',')}]}`),
  'truncated-half': async () => {
    const link = await demoLink();
    return link.slice(0, 4 + Math.floor((link.length - 4) / 2 / 4) * 4);
  },
  'truncated-4n-plus-1': async () => {
    const link = await demoLink();
    const payload = link.length - 4;
    return link.slice(0, 4 + payload - ((payload - 1) % 4));
  },
  'bit-flipped-block-type': async () => {
    const bytes = await deflate(new TextEncoder().encode(readFileSync(join(import.meta.dirname, '../../../public/notebooks/tiny.json'), 'utf8')));
    bytes[0] = bytes[0]! | 0b110;
    return `#nb=${encodeBase64Url(bytes)}`;
  },
  'not-utf8': async () => `#nb=${encodeBase64Url(await deflate(new Uint8Array([0x7b, 0xff, 0xfe, 0xc3, 0x28, 0x7d])))}`,
};

export async function loadLinkCases(): Promise<LinkCase[]> {
  const raw = z.array(caseSchema).parse(JSON.parse(readFileSync(join(import.meta.dirname, 'cases.json'), 'utf8')));
  return Promise.all(
    raw.map(async (c) => {
      const make = c.generate ? GENERATORS[c.generate] : undefined;
      if (c.generate && !make) throw new Error(`cases.json: case "${c.name}" names an unknown generator "${c.generate}"`);
      const fragment = make ? await make() : c.link ?? (c.text !== undefined ? await textLink(c.text) : await textLink(JSON.stringify(c.document)));
      return { ...c, fragment };
    }),
  );
}
