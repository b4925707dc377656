/**
 * The hostile corpus: notebooks someone else wrote to attack whoever opens them. Each case is a
 * notebook file's text (a file import, or a share link built from the same text) and whether the
 * app must open it (rendering the hostile strings inert) or refuse it with a message.
 * Data lives beside this file: markdown.json (notes), names.json (a string patched into the tiny
 * notebook: title, cell ids, feature and source names), notebooks/*.json (raw texts); the
 * oversized cases are generated here, on demand.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { z } from 'zod';

export interface HostileCase {
  name: string;
  group: 'markdown' | 'names' | 'notebooks' | 'generated';
  expect: 'opens' | 'refused';
  /** The notebook file's text; a function because some are 50 MB. */
  text(): string;
  /** Markdown cases: the note. */
  markdown?: string;
  /** Safe markdown cases: the hrefs the rendered note must keep, in order. */
  links?: string[];
}

/** The canary every payload sets; the app must leave it unset. */
export const CANARY = '__pwned';

const here = new URL('./', import.meta.url);
const read = (name: string) => readFileSync(new URL(name, here), 'utf8');

const markdownCases = z.array(z.strictObject({ name: z.string(), markdown: z.string(), links: z.array(z.string()).optional() }));
const nameCases = z.array(
  z.strictObject({ name: z.string(), path: z.array(z.union([z.string(), z.number()])), value: z.unknown(), expect: z.enum(['opens', 'refused']) }),
);

/** The tiny built-in notebook (one fold, one epoch): cells intro, data, features, model, walkforward, backtest. */
export function baseNotebook(): Record<string, unknown> {
  return z.record(z.string(), z.unknown()).parse(JSON.parse(readFileSync(new URL('../../../public/notebooks/tiny.json', import.meta.url), 'utf8')));
}

function patched(path: readonly (string | number)[], value: unknown): string {
  const doc = baseNotebook();
  let node: unknown = doc;
  for (const key of path.slice(0, -1)) node = (node as Record<string | number, unknown>)[key];
  (node as Record<string | number, unknown>)[path[path.length - 1]!] = value;
  return JSON.stringify(doc, null, 2);
}

const withNote = (markdown: string) => patched(['cells', 0, 'text'], markdown);

function generatedCases(): HostileCase[] {
  const depth = 100_000;
  const wrap = (extra: string) => withNote('x').replace('"text": "x"', `"text": "x", "extra": ${extra}`);
  return [
    { name: 'nesting-100k-deep', group: 'generated', expect: 'refused', text: () => wrap('['.repeat(depth) + ']'.repeat(depth)) },
    { name: 'nesting-100k-deep-objects', group: 'generated', expect: 'refused', text: () => wrap('{"a":'.repeat(depth) + '1' + '}'.repeat(depth)) },
    { name: 'payload-50mb-title', group: 'generated', expect: 'refused', text: () => patched(['title'], 'A'.repeat(50 * 1024 * 1024)) },
    { name: 'array-200k-long', group: 'generated', expect: 'refused', text: () => wrap(`[${new Array<string>(200_000).fill('0').join(',')}]`) },
    { name: 'note-over-20k', group: 'generated', expect: 'refused', text: () => withNote(`<script>window.${CANARY}=1</script>`.repeat(1000)) },
    { name: 'cells-over-100', group: 'generated', expect: 'refused', text: () => patched(['cells'], Array.from({ length: 101 }, (_, i) => ({ id: `n${i}`, kind: 'markdown', text: 'x' }))) },
  ];
}

export function hostileCases(): HostileCase[] {
  const markdown = markdownCases.parse(JSON.parse(read('markdown.json'))).map(
    (c): HostileCase => ({ name: `markdown/${c.name}`, group: 'markdown', expect: 'opens', text: () => withNote(c.markdown), markdown: c.markdown, ...(c.links ? { links: c.links } : {}) }),
  );
  const names = nameCases.parse(JSON.parse(read('names.json'))).map(
    (c): HostileCase => ({ name: `names/${c.name}`, group: 'names', expect: c.expect, text: () => patched(c.path, c.value) }),
  );
  const files = readdirSync(new URL('notebooks/', here))
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((f): HostileCase => ({ name: `notebooks/${f.replace(/\.json$/, '')}`, group: 'notebooks', expect: 'refused', text: () => read(`notebooks/${f}`) }));
  return [...markdown, ...names, ...files, ...generatedCases()];
}

const ALLOWED_TAGS = new Set(
  'div p h1 h2 h3 h4 h5 h6 strong em del code pre ul ol li table thead tbody tr th td a span blockquote hr br input section sup'.split(' '),
);
const URL_ATTRIBUTES = new Set(['href', 'src', 'xlink:href', 'action', 'formaction', 'data', 'poster', 'background']);
const SAFE_PROTOCOLS = new Set(['http:', 'https:', 'mailto:']);
const decodeAttribute = (value: string) =>
  value.replace(/&quot;/g, '"').replace(/&#x27;/g, "'").replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');

/**
 * What makes server-rendered HTML unsafe to show: a tag outside the markup notes produce, an
 * event handler, a URL attribute that is not http(s)/mailto/relative, an external link without
 * target=_blank and rel="noopener noreferrer", or an image (notes never load images). React's
 * output is well-formed (attributes double-quoted and escaped), so a tag scan is exact here.
 */
export function inertHtmlProblems(html: string): string[] {
  const problems: string[] = [];
  for (const tag of html.matchAll(/<([a-zA-Z][a-zA-Z0-9:-]*)([^>]*)>/g)) {
    const name = tag[1]!.toLowerCase();
    if (!ALLOWED_TAGS.has(name)) problems.push(`<${name}> rendered`);
    const attributes = new Map<string, string>();
    for (const attr of tag[2]!.matchAll(/\s([^\s=/>]+)(?:="([^"]*)")?/g)) attributes.set(attr[1]!.toLowerCase(), decodeAttribute(attr[2] ?? ''));
    for (const [attr, value] of attributes) {
      if (attr.startsWith('on')) problems.push(`<${name} ${attr}> rendered`);
      if (attr === 'style' && name !== 'td' && name !== 'th') problems.push(`<${name} style> rendered`);
      if (!URL_ATTRIBUTES.has(attr)) continue;
      const url = new URL(value, 'https://app.invalid/');
      if (!SAFE_PROTOCOLS.has(url.protocol)) problems.push(`<${name} ${attr}="${value}"> is a ${url.protocol} URL`);
      const external = url.origin !== 'https://app.invalid' || url.protocol === 'mailto:';
      if (name === 'a' && external && (attributes.get('target') !== '_blank' || attributes.get('rel') !== 'noopener noreferrer')) {
        problems.push(`external <a href="${value}"> without target=_blank rel="noopener noreferrer"`);
      }
    }
  }
  return problems;
}

/** The hrefs of the <a> elements of server-rendered HTML, in order. */
export function renderedLinks(html: string): string[] {
  return [...html.matchAll(/<a\s[^>]*?href="([^"]*)"/g)].map((m) => decodeAttribute(m[1]!));
}
