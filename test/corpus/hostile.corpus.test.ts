import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { NotebookFormatError, parseNotebookJson } from '../../src/notebook/parse';
import { Markdown } from '../../src/ui/markdown/Markdown';
import { CANARY, hostileCases, inertHtmlProblems, renderedLinks } from './hostile/hostileCorpus.testkit';

const cases = hostileCases();

describe('hostile corpus', () => {
  it('holds at least 40 cases with unique names', () => {
    expect(cases.length).toBeGreaterThanOrEqual(40);
    expect(new Set(cases.map((c) => c.name)).size).toBe(cases.length);
  });

  for (const c of cases) {
    it(`${c.name}: ${c.expect === 'opens' ? 'opens inert' : 'is refused with a message'}`, () => {
      const text = c.text();
      if (c.expect === 'opens') {
        expect(() => parseNotebookJson(text)).not.toThrow();
      } else {
        let error: unknown;
        try {
          parseNotebookJson(text);
        } catch (e) {
          error = e;
        }
        expect(error).toBeInstanceOf(NotebookFormatError);
        const problems = (error as NotebookFormatError).problems;
        expect(problems.length).toBeGreaterThan(0);
        // A message to read: short, and never an echo of the payload.
        expect(problems.join('; ').length).toBeLessThan(2_000);
        expect(problems.join('; ')).not.toContain('<script');
      }
      expect(({} as Record<string, unknown>)[CANARY]).toBeUndefined();
      if (c.markdown === undefined) return;
      const html = renderToStaticMarkup(createElement(Markdown, { text: c.markdown }));
      expect(inertHtmlProblems(html)).toEqual([]);
      if (c.links) expect(renderedLinks(html)).toEqual(c.links);
    });
  }
});

describe('the inert-HTML check itself', () => {
  it('flags what it must', () => {
    expect(inertHtmlProblems('<p><script>x</script></p>')).toEqual(['<script> rendered']);
    expect(inertHtmlProblems('<a href="javascript:x" target="_blank" rel="noopener noreferrer">x</a>')).toEqual(['<a href="javascript:x"> is a javascript: URL']);
    expect(inertHtmlProblems('<a href="https://e.com/">x</a>')).toEqual(['external <a href="https://e.com/"> without target=_blank rel="noopener noreferrer"']);
    expect(inertHtmlProblems('<span onclick="x">x</span>')).toEqual(['<span onclick> rendered']);
    expect(inertHtmlProblems('<img src="x.png"/>')).toEqual(['<img> rendered']);
  });
});
