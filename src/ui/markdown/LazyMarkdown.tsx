import { lazy, Suspense } from 'react';

// react-markdown + remark-gfm live in their own chunk: the first paint does not wait for them.
const Markdown = lazy(() => import('./Markdown'));

/** A note: plain text (never HTML) until the markdown renderer has loaded, then markdown. */
export function LazyMarkdown({ text }: { text: string }) {
  return (
    <Suspense
      fallback={
        <div className="markdown">
          <p className="md-plain">{text}</p>
        </div>
      }
    >
      <Markdown text={text} />
    </Suspense>
  );
}
