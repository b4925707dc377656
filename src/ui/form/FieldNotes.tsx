import { issuesAt, pathText, type FormIssue, type FormNode } from '../../state/forms';
import { useEditActions } from '../LabContext';

/** A node's control id, its errors (by its path) and help, and what describes its control. */
export function idsOf(node: FormNode, issues: readonly FormIssue[]) {
  const id = `f-${pathText(node.path)}`;
  const errors = issuesAt(issues, node.path);
  const help = node.field.help;
  const describedBy = [help ? `${id}-help` : '', errors.length ? `${id}-error` : ''].filter(Boolean).join(' ') || undefined;
  return { id, errors, help, describedBy, invalid: errors.length > 0 };
}

export function Notes({ id, help, errors }: { id: string; help: string | undefined; errors: FormIssue[] }) {
  return (
    <>
      {help ? (
        <span id={`${id}-help`} className="field-help">
          {help}
        </span>
      ) : null}
      {errors.length ? (
        <span id={`${id}-error`} className="field-error" data-testid={`error-${pathText(errors[0]!.path)}`}>
          {errors.map((e) => e.message).join('; ')}
        </span>
      ) : null}
    </>
  );
}

export function RemoveButton({ node }: { node: FormNode }) {
  const edit = useEditActions();
  return (
    // Named "remove" only, so that a field's label stays unique to its control (getByLabel).
    <button type="button" className="icon" aria-label="remove" title={`remove ${node.label}`} data-testid={`remove-${pathText(node.path)}`} onClick={() => edit.remove(node.path)}>
      ×
    </button>
  );
}
