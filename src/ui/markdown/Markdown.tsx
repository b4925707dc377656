import type { AnchorHTMLAttributes, ImgHTMLAttributes } from 'react';
import ReactMarkdown, { type Components } from 'react-markdown';
import remarkGfm from 'remark-gfm';
import { markdownUrlTransform, safeUrl } from './safeUrl';

/**
 * Notes rendered by react-markdown with GFM (tables, lists, task lists, strikethrough). Text from
 * a shared notebook never becomes HTML: raw HTML shows as text (no rehype-raw), URLs pass the
 * policy in safeUrl.ts, links open in a new tab without an opener or referrer, and images are
 * never loaded (a note could otherwise report who opened it): they show as links.
 */
function Link({ href, children }: AnchorHTMLAttributes<HTMLAnchorElement>) {
  const target = href ? safeUrl(href) : null;
  if (!target) return <span className="md-dropped-link">{children}</span>;
  if (target.startsWith('#')) return <a href={target}>{children}</a>;
  return (
    <a href={target} target="_blank" rel="noopener noreferrer">
      {children}
    </a>
  );
}

function Image({ src, alt }: ImgHTMLAttributes<HTMLImageElement>) {
  const target = typeof src === 'string' && src ? safeUrl(src) : null;
  const label = `image: ${alt || 'untitled'}`;
  if (!target) return <span className="md-image">[{label}]</span>;
  return (
    <a className="md-image" href={target} target="_blank" rel="noopener noreferrer">
      [{label}]
    </a>
  );
}

const COMPONENTS: Components = { a: Link, img: Image };
const REMARK_PLUGINS = [remarkGfm];

export function Markdown({ text }: { text: string }) {
  return (
    <div className="markdown">
      <ReactMarkdown remarkPlugins={REMARK_PLUGINS} components={COMPONENTS} urlTransform={markdownUrlTransform}>
        {text}
      </ReactMarkdown>
    </div>
  );
}

export default Markdown;
