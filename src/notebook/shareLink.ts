/**
 * Share links: a notebook in the URL fragment, `#nb=<base64url(deflate-raw(canonical JSON))>`.
 * The fragment never reaches a server (no 431 for long links, nothing logged), and the document
 * is a recipe (sources, ranges, seeds, parameters), never data. Decoding is an edge for untrusted
 * text: every failure is a ShareLinkError of one kind, with the fix in its message; sizes are
 * bounded before each step allocates (payload length, inflated bytes, nesting and array length).
 */
import { canonicalJson } from './canonical';
import { decodeBase64Url, encodeBase64Url } from './link/base64url';
import { checkJsonBounds, findForbiddenKey } from './jsonBounds';
import { describeIssues, formatPath } from './parse';
import { NOTEBOOK_SCHEMA_ID, notebookSchema, type NotebookDoc } from './schema';

export const LINK_PARAM = 'nb';
/** The document format this app reads; a link from a newer app is refused as too new. */
export const LINK_DOC_VERSION = 1;

export const LINK_LIMITS = {
  /** Chat apps and some browsers cut longer links: the UI warns. */
  warnChars: 8_000,
  /** Longer links are refused (export the notebook as a file instead). */
  maxChars: 32_000,
  /** Inflated JSON: a notebook is at most 100 cells of a few kB, so a larger one is a deflate bomb. */
  maxJsonBytes: 1 << 20,
  maxDepth: 32,
  maxArrayLength: 1_000,
} as const;

export type ShareLinkErrorKind = 'corrupt' | 'truncated' | 'too-new' | 'invalid' | 'too-large';

export class ShareLinkError extends Error {
  constructor(
    readonly kind: ShareLinkErrorKind,
    message: string,
    /** For `invalid`: each problem with its path in the document. */
    readonly problems: readonly string[] = [],
    /** For `invalid`: the path of the first problem. */
    readonly path: readonly (string | number)[] | null = null,
  ) {
    super(`share link ${kind === 'too-large' ? 'too large' : kind === 'too-new' ? 'too new' : kind}: ${message}`);
    this.name = 'ShareLinkError';
  }
}

export type LinkSizeLevel = 'ok' | 'warn' | 'refuse';

/** The verdict on a link's length (the whole URL, as the user pastes it). */
export function linkSizeLevel(chars: number): LinkSizeLevel {
  if (chars > LINK_LIMITS.maxChars) return 'refuse';
  return chars > LINK_LIMITS.warnChars ? 'warn' : 'ok';
}

async function pipeBytes(bytes: Uint8Array, transform: CompressionStream | DecompressionStream): Promise<ReadableStreamDefaultReader<Uint8Array>> {
  // A Blob's stream feeds the transform without a writer whose rejections would go unhandled.
  const copy = new Uint8Array(bytes.byteLength);
  copy.set(bytes);
  return new Blob([copy]).stream().pipeThrough(transform).getReader();
}

async function readAll(reader: ReadableStreamDefaultReader<Uint8Array>, maxBytes: number): Promise<Uint8Array> {
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > maxBytes) {
      await reader.cancel().catch(() => undefined);
      throw new ShareLinkError('too-large', `the notebook inflates past ${maxBytes} bytes (a real notebook is far smaller); export the notebook as a file instead`);
    }
    chunks.push(value);
  }
  const out = new Uint8Array(total);
  let at = 0;
  for (const chunk of chunks) {
    out.set(chunk, at);
    at += chunk.byteLength;
  }
  return out;
}

/** The fragment `#nb=...` of a notebook (canonical JSON, so equal notebooks give equal links). */
export async function encodeNotebookLink(doc: NotebookDoc): Promise<string> {
  const json = new TextEncoder().encode(canonicalJson(doc));
  const deflated = await readAll(await pipeBytes(json, new CompressionStream('deflate-raw')), Number.MAX_SAFE_INTEGER);
  return `#${LINK_PARAM}=${encodeBase64Url(deflated)}`;
}

/** The `nb` value of a full URL, a fragment (`#nb=...`) or the bare `nb=...`; null when there is none. */
export function linkPayload(input: string): string | null {
  const hashAt = input.indexOf('#');
  const fragment = hashAt >= 0 ? input.slice(hashAt + 1) : input.trim();
  const param = fragment.split('&').find((p) => p.startsWith(`${LINK_PARAM}=`));
  return param === undefined ? null : param.slice(LINK_PARAM.length + 1);
}

/** Node says "unexpected end of file", Chromium "Compressed input was truncated". */
const TRUNCATED = /unexpected end|truncat/i;

async function inflate(bytes: Uint8Array): Promise<string> {
  let inflated: Uint8Array;
  try {
    inflated = await readAll(await pipeBytes(bytes, new DecompressionStream('deflate-raw')), LINK_LIMITS.maxJsonBytes);
  } catch (error) {
    if (error instanceof ShareLinkError) throw error;
    const reason = error instanceof Error ? error.message : String(error);
    if (TRUNCATED.test(reason)) throw new ShareLinkError('truncated', 'the compressed notebook ends early (the link was cut off); copy the whole link again');
    throw new ShareLinkError('corrupt', `the compressed notebook is damaged (${reason}); copy the link again from its source`);
  }
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(inflated);
  } catch {
    throw new ShareLinkError('corrupt', 'the notebook is not UTF-8 text; copy the link again from its source');
  }
}

function parseBoundedJson(text: string): unknown {
  const bound = checkJsonBounds(text, LINK_LIMITS);
  if (bound?.kind === 'depth') throw new ShareLinkError('too-large', `the notebook nests deeper than ${bound.limit} levels (at character ${bound.at}); a notebook is a few levels deep`);
  if (bound?.kind === 'array') throw new ShareLinkError('too-large', `a list in the notebook has more than ${bound.limit} items (at character ${bound.at})`);
  try {
    return JSON.parse(text);
  } catch {
    throw new ShareLinkError('corrupt', 'the inflated notebook is not JSON; copy the link again from its source');
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** The notebook of a link (full URL, `#nb=...` or `nb=...`), or a ShareLinkError saying what is wrong and what to do. */
export async function decodeNotebookLink(input: string): Promise<NotebookDoc> {
  if (input.length > LINK_LIMITS.maxChars + 4096) throw new ShareLinkError('too-large', `the link has ${input.length} characters, over the ${LINK_LIMITS.maxChars} a link may carry; open the notebook as a file instead`);
  const payload = linkPayload(input);
  if (payload === null) throw new ShareLinkError('corrupt', `no "#${LINK_PARAM}=" part in the link; a notebook link ends in #${LINK_PARAM}=...`);
  if (payload.length > LINK_LIMITS.maxChars) throw new ShareLinkError('too-large', `the notebook part has ${payload.length} characters, over ${LINK_LIMITS.maxChars}; open the notebook as a file instead`);
  if (payload.length === 0) throw new ShareLinkError('truncated', `the link ends at "#${LINK_PARAM}=" with no notebook; copy the whole link again`);
  const bytes = decodeBase64Url(payload);
  if (!(bytes instanceof Uint8Array)) {
    if (bytes.kind === 'length') throw new ShareLinkError('truncated', `the notebook part has ${payload.length} characters, a length no link has (it was cut off); copy the whole link again`);
    const char = payload.codePointAt(bytes.index) ?? 0;
    throw new ShareLinkError('corrupt', `character ${bytes.index + 1} of the notebook part is U+${char.toString(16).toUpperCase().padStart(4, '0')}, not base64url (A-Z a-z 0-9 - _); copy the link again from its source`);
  }
  const json = parseBoundedJson(await inflate(bytes));
  const forbidden = findForbiddenKey(json);
  if (forbidden) {
    const at = formatPath(forbidden);
    throw new ShareLinkError('invalid', `the key "${String(forbidden.at(-1))}" at ${at} is not allowed (it could reach an object prototype)`, [`${at}: key not allowed`], forbidden);
  }
  if (isRecord(json) && json.schema === NOTEBOOK_SCHEMA_ID && typeof json.version === 'number' && json.version > LINK_DOC_VERSION) {
    throw new ShareLinkError('too-new', `the notebook is format version ${json.version}; this app reads version ${LINK_DOC_VERSION}: open the link in a newer version of the app`);
  }
  const result = notebookSchema.safeParse(json);
  if (!result.success) {
    const problems = describeIssues(result.error);
    const first = result.error.issues[0];
    const path = first ? first.path.map((k) => (typeof k === 'number' ? k : String(k))) : [];
    throw new ShareLinkError('invalid', `the notebook does not match the format: ${problems.slice(0, 3).join('; ')}${problems.length > 3 ? ` (and ${problems.length - 3} more)` : ''}`, problems, path);
  }
  return result.data;
}

/** decodeNotebookLink without a throw: a notebook or the typed error (a bug would surface as a rejection). */
export async function readNotebookLink(input: string): Promise<{ ok: true; doc: NotebookDoc } | { ok: false; error: ShareLinkError }> {
  try {
    return { ok: true, doc: await decodeNotebookLink(input) };
  } catch (error) {
    if (error instanceof ShareLinkError) return { ok: false, error };
    throw error;
  }
}
