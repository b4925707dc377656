import type { ReactNode } from 'react';

/**
 * A deliberately small markdown subset (headings, paragraphs, **bold**, *italic*, `code`)
 * rendered as React elements: text from a shared notebook never becomes HTML.
 */
function inline(text: string, keyPrefix: string): ReactNode[] {
  const parts = text.split(/(\*\*[^*]+\*\*|`[^`]+`|\*[^*]+\*)/g);
  return parts.map((part, i) => {
    const key = `${keyPrefix}-${i}`;
    if (part.startsWith('**') && part.endsWith('**') && part.length > 4) return <strong key={key}>{part.slice(2, -2)}</strong>;
    if (part.startsWith('`') && part.endsWith('`') && part.length > 2) return <code key={key}>{part.slice(1, -1)}</code>;
    if (part.startsWith('*') && part.endsWith('*') && part.length > 2) return <em key={key}>{part.slice(1, -1)}</em>;
    return part;
  });
}

export function Markdown({ text }: { text: string }) {
  const blocks = text.split(/\n{2,}/);
  return (
    <div className="markdown">
      {blocks.map((block, i) => {
        const heading = /^(#{1,3})\s+(.*)$/.exec(block.trim());
        if (heading) {
          const level = heading[1]!.length;
          const content = inline(heading[2]!, `h${i}`);
          if (level === 1) return <h2 key={i}>{content}</h2>;
          if (level === 2) return <h3 key={i}>{content}</h3>;
          return <h4 key={i}>{content}</h4>;
        }
        return <p key={i}>{inline(block, `p${i}`)}</p>;
      })}
    </div>
  );
}
