/**
 * The URL policy of rendered notes: a note comes from a file or a link someone else wrote, so
 * only http(s) and mailto links, relative links and #fragments survive. Anything else
 * (`javascript:`, `data:`, `vbscript:`, `file:`, ...) is dropped, however it is spelled: the
 * markdown parser has already decoded entities (`&#106;avascript:`), and the WHATWG URL parser
 * used here is the browser's, so tabs, newlines and leading control characters are stripped the
 * way the browser would strip them before it acts on the link.
 */
const ALLOWED_PROTOCOLS = new Set(['http:', 'https:', 'mailto:']);
// A base that cannot be a real origin: it only tells relative URLs apart from absolute ones.
const PROBE_BASE = 'https://relative.invalid/';
const PROBE_ORIGIN = new URL(PROBE_BASE).origin;

/** The URL a note may link to, or null when it must not become a link. */
export function safeUrl(raw: string): string | null {
  // C0 controls, DEL and C1 controls never belong in a link; a URL hiding them is refused whole.
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/.test(raw)) return null;
  const trimmed = raw.trim();
  if (trimmed === '') return null;
  let parsed: URL;
  try {
    parsed = new URL(trimmed, PROBE_BASE);
  } catch {
    return null;
  }
  // Relative (resolved against the probe): stays relative. `//host` resolves elsewhere: checked below.
  if (parsed.origin === PROBE_ORIGIN) return trimmed;
  if (!ALLOWED_PROTOCOLS.has(parsed.protocol)) return null;
  return parsed.href;
}

/** react-markdown's `urlTransform`: the safe URL, or '' (no link, no image source). */
export function markdownUrlTransform(url: string): string {
  return safeUrl(url) ?? '';
}
