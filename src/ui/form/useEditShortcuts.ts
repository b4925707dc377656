import { useEffect } from 'react';
import type { EditActions } from '../../state/editActions';

/**
 * Ctrl/Cmd+Z undo, Shift+Ctrl/Cmd+Z (or Ctrl+Y) redo, Ctrl/Cmd+S save, Shift+Enter in a cell runs
 * that cell and what depends on it.
 * The JSON view keeps its own text undo while it has the focus.
 */
export function useEditShortcuts(edit: EditActions): void {
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const target = e.target instanceof Element ? e.target : null;
      const mod = e.ctrlKey || e.metaKey;
      const key = e.key.toLowerCase();
      if (mod && key === 's') {
        e.preventDefault();
        void edit.save();
        return;
      }
      if (target?.closest('.cm-editor')) return;
      if (mod && key === 'z') {
        e.preventDefault();
        if (e.shiftKey) edit.redo();
        else edit.undo();
      } else if (mod && key === 'y') {
        e.preventDefault();
        edit.redo();
      } else if (e.shiftKey && e.key === 'Enter' && target?.closest('.cell')) {
        e.preventDefault();
        const index = Number(target.closest('.cell')?.getAttribute('data-cell-index'));
        if (Number.isInteger(index)) void edit.runCell(index);
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [edit]);
}
