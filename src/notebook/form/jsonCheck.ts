import type { NotebookDoc } from '../schema';
import { checkNotebook } from './notebookForm';
import { pathText, type Path } from './path';

/** A problem of a notebook's JSON text, placed in the text for the editor. */
export interface JsonProblem {
  path: string;
  message: string;
  from: number;
  to: number;
  /** 1-based line of `from`. */
  line: number;
}

export type JsonCheck = { ok: true; draft: unknown; doc: NotebookDoc } | { ok: false; problems: JsonProblem[] };

function lineOf(text: string, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset && i < text.length; i++) if (text.charCodeAt(i) === 10) line++;
  return line;
}

/**
 * Where `path` sits in JSON text: the span of its value, or of its key when `key` (an unknown
 * field). A small scanner over valid JSON (it runs only after JSON.parse succeeded); it stops at
 * the deepest step it finds, so a missing field points at its parent object.
 */
export function locate(text: string, path: Path, key = false): { from: number; to: number } {
  let i = 0;
  const ws = () => {
    while (i < text.length && /\s/.test(text[i]!)) i++;
  };
  const skipString = () => {
    i++;
    while (i < text.length && text[i] !== '"') i += text[i] === '\\' ? 2 : 1;
    i++;
  };
  const skipValue = (): void => {
    ws();
    const c = text[i];
    if (c === '"') return skipString();
    if (c === '{' || c === '[') {
      const close = c === '{' ? '}' : ']';
      i++;
      ws();
      if (text[i] === close) return void i++;
      for (;;) {
        if (c === '{') {
          ws();
          skipString();
          ws();
          i++; // colon
        }
        skipValue();
        ws();
        if (text[i++] === close) return;
      }
    }
    while (i < text.length && !/[\s,\]}]/.test(text[i]!)) i++;
  };
  ws();
  let span = { from: i, to: i };
  for (let depth = 0; depth < path.length; depth++) {
    const step = path[depth]!;
    const start = i;
    skipValue();
    span = { from: start, to: i };
    i = start;
    const open = text[i];
    i++;
    let found = false;
    if (open === '{' && typeof step === 'string') {
      for (ws(); text[i] === '"'; ) {
        const keyFrom = i;
        skipString();
        const name = JSON.parse(text.slice(keyFrom, i)) as string;
        const keyTo = i;
        ws();
        i++;
        ws();
        if (name === step) {
          if (key && depth === path.length - 1) return { from: keyFrom, to: keyTo };
          found = true;
          break;
        }
        skipValue();
        ws();
        if (text[i] === ',') i++;
        ws();
      }
    } else if (open === '[' && typeof step === 'number') {
      ws();
      for (let n = 0; n < step && text[i] !== ']'; n++) {
        skipValue();
        ws();
        if (text[i] === ',') i++;
        ws();
      }
      found = text[i] !== ']';
    }
    if (!found) return span;
  }
  const start = i;
  skipValue();
  return { from: start, to: i };
}

/** Parses the text and checks it against the notebook schema, placing each problem at its path. */
export function checkNotebookJson(text: string): JsonCheck {
  let draft: unknown;
  try {
    draft = JSON.parse(text);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const at = Number(/position (\d+)/.exec(message)?.[1] ?? 0);
    return { ok: false, problems: [{ path: '(text)', message: `not valid JSON: ${message}`, from: at, to: Math.min(text.length, at + 1), line: lineOf(text, at) }] };
  }
  const checked = checkNotebook(draft);
  if (checked.ok) return { ok: true, draft, doc: checked.value };
  return {
    ok: false,
    problems: checked.issues.map((issue) => {
      const unknownKey = issue.message.startsWith('unknown field');
      const { from, to } = locate(text, issue.path, unknownKey);
      return { path: pathText(issue.path) || '(document)', message: issue.message, from, to, line: lineOf(text, from) };
    }),
  };
}
