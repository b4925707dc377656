import { json } from '@codemirror/lang-json';
import { linter, lintGutter, type Diagnostic } from '@codemirror/lint';
import { hoverTooltip } from '@codemirror/view';
import { EditorView, basicSetup } from 'codemirror';
import { useEffect, useRef, useState } from 'react';
import { checkNotebookJson, NOTEBOOK_KEY_HINTS, type JsonProblem } from '../state/forms';
import { useEditActions } from './LabContext';

const text = (draft: unknown) => JSON.stringify(draft, null, 2);

/** Hovering a quoted key shows what the field takes, from the same declarations as the forms. */
const keyHover = hoverTooltip((view, pos) => {
  const line = view.state.doc.lineAt(pos);
  const at = pos - line.from;
  const match = [...line.text.matchAll(/"([A-Za-z_][\w-]*)"\s*:/g)].find((m) => at >= m.index && at <= m.index + m[1]!.length + 2);
  const hints = match ? NOTEBOOK_KEY_HINTS.get(match[1]!) : undefined;
  if (!match || !hints) return null;
  return {
    pos: line.from + match.index,
    end: line.from + match.index + match[1]!.length + 2,
    above: true,
    create: () => {
      const dom = document.createElement('div');
      dom.className = 'json-hint';
      dom.textContent = hints.join('\n');
      return { dom };
    },
  };
});

/**
 * The open notebook as JSON text (CodeMirror 6), checked by the notebook schema as you type.
 * Problems show in the gutter and below with their path and line; the notebook changes only
 * when the whole text is a valid notebook.
 */
export function JsonEditor({ draft }: { draft: unknown }) {
  const edit = useEditActions();
  const host = useRef<HTMLDivElement>(null);
  const view = useRef<EditorView | null>(null);
  // The draft this editor last wrote or showed: a different one came from outside (undo, a form).
  const known = useRef<unknown>(draft);
  const [problems, setProblems] = useState<JsonProblem[]>([]);

  useEffect(() => {
    if (!host.current) return;
    /** Applies valid text to the notebook (once per change). */
    const apply = (value: string) => {
      const result = checkNotebookJson(value);
      if (result.ok && JSON.stringify(result.draft) !== JSON.stringify(known.current)) {
        known.current = result.draft;
        edit.replaceDoc(result.draft);
      }
      return result;
    };
    const lint = linter(
      (v): Diagnostic[] => {
        const result = apply(v.state.doc.toString());
        if (result.ok) {
          setProblems([]);
          return [];
        }
        setProblems(result.problems);
        const length = v.state.doc.length;
        return result.problems.map((p) => ({ from: Math.min(p.from, length), to: Math.min(Math.max(p.to, p.from), length), severity: 'error', message: `${p.path}: ${p.message}` }));
      },
      { delay: 300 },
    );
    const editor = new EditorView({
      doc: text(known.current),
      extensions: [basicSetup, json(), lint, lintGutter(), keyHover, EditorView.contentAttributes.of({ 'aria-label': 'notebook JSON' })],
      parent: host.current,
    });
    view.current = editor;
    return () => {
      // Text typed just before leaving the view is not lost to the lint delay.
      apply(editor.state.doc.toString());
      editor.destroy();
      view.current = null;
    };
  }, [edit]);

  useEffect(() => {
    const editor = view.current;
    if (!editor || draft === known.current) return;
    known.current = draft;
    editor.dispatch({ changes: { from: 0, to: editor.state.doc.length, insert: text(draft) } });
  }, [draft]);

  return (
    <div className="json-editor" data-testid="json-editor">
      <div ref={host} />
      {problems.length ? (
        <ul className="json-problems" data-testid="json-errors">
          {problems.map((p, i) => (
            <li key={i} className="error">
              <code>{p.path}</code> (line {p.line}): {p.message}
            </li>
          ))}
        </ul>
      ) : (
        <p className="muted" data-testid="json-valid">
          Valid notebook: changes apply as you type.
        </p>
      )}
    </div>
  );
}
