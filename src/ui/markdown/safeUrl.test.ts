import { describe, expect, it } from 'vitest';
import { safeUrl } from './safeUrl';

describe('safeUrl (the notes link policy)', () => {
  it('drops script-capable and local schemes however they are spelled', () => {
    for (const url of ['javascript:alert(1)', ' JaVaScRiPt:alert(1)', 'java\tscript:alert(1)', 'java\nscript:x', '\u0001javascript:x', 'javascript\u007f:x', 'data:text/html,x', 'DATA:image/svg+xml,x', 'vbscript:x', 'file:///etc/passwd', 'blob:https://a/b', '']) {
      expect(safeUrl(url), JSON.stringify(url)).toBeNull();
    }
  });

  it('keeps http(s), mailto, fragments and relative links; //host becomes an https URL', () => {
    expect(safeUrl('https://example.com/a?b=1#c')).toBe('https://example.com/a?b=1#c');
    expect(safeUrl('mailto:a@example.com')).toBe('mailto:a@example.com');
    expect(safeUrl('#notes')).toBe('#notes');
    expect(safeUrl('docs/x.md')).toBe('docs/x.md');
    expect(safeUrl('//example.com/x')).toBe('https://example.com/x');
    // Not a scheme to the URL parser (nor to the browser): a harmless relative path.
    expect(safeUrl('javascript\u200b:x')).toBe('javascript\u200b:x');
  });
});
