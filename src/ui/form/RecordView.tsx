import { useState, type ReactNode } from 'react';
import { pathText, type FormIssue, type RecordNode } from '../../state/forms';
import { useEditActions } from '../LabContext';
import { idsOf, Notes, RemoveButton } from './FieldNotes';

/** The new key's control: the options not yet used when the keys are an enum, else free text. */
function KeyInput({ node, value, onChange, onEnter }: { node: RecordNode; value: string; onChange: (key: string) => void; onEnter: () => void }) {
  const keyField = node.field.key;
  // Not the record's own name alone: a field's label stays unique to its control (getByLabel).
  const label = `new key of ${node.label}`;
  if (keyField.kind === 'enum') {
    const free = keyField.options.map(String).filter((o) => !node.entries.some((e) => e.key === o));
    return (
      <select aria-label={label} value={value} onChange={(e) => onChange(e.target.value)}>
        <option value="">(choose a key)</option>
        {free.map((o) => (
          <option key={o} value={o}>
            {o}
          </option>
        ))}
      </select>
    );
  }
  return (
    <input
      type="text"
      aria-label={label}
      placeholder="key"
      value={value}
      title={keyField.help}
      onChange={(e) => onChange(e.target.value)}
      onKeyDown={(e) => {
        if (e.key !== 'Enter' || e.shiftKey) return;
        e.preventDefault();
        onEnter();
      }}
    />
  );
}

/**
 * A record (`columns`, `mapping`): one row per key with the value schema's control, labelled by
 * its key; keys are added by name and removed by row. Errors show at the row's path.
 */
export function RecordView({ node, issues, removable, children }: { node: RecordNode; issues: readonly FormIssue[]; removable: boolean; children: ReactNode }) {
  const edit = useEditActions();
  const ids = idsOf(node, issues);
  const [key, setKey] = useState('');
  const optional = !node.field.required && node.field.default === undefined;
  const taken = node.entries.some((e) => e.key === key);
  const add = () => {
    if (!key || taken) return;
    edit.addKey(node.path, key);
    setKey('');
  };
  return (
    <fieldset className="group record" data-testid={`record-${pathText(node.path)}`}>
      <legend>
        {optional ? (
          <label>
            <input type="checkbox" id={ids.id} checked={node.present} aria-describedby={ids.describedBy} onChange={(e) => edit.toggleOptional(node.path, e.target.checked)} />
            {node.label}
          </label>
        ) : (
          <span>{node.label}</span>
        )}
        {removable ? <RemoveButton node={node} /> : null}
      </legend>
      <Notes id={ids.id} help={ids.help} errors={ids.errors} />
      {children}
      {node.present ? (
        <div className="add-key">
          <KeyInput node={node} value={key} onChange={setKey} onEnter={add} />
          <button type="button" className="link" disabled={!key || taken} title={taken ? `"${key}" is already a key` : undefined} data-testid={`add-${pathText(node.path)}`} onClick={add}>
            + add key
          </button>
        </div>
      ) : null}
    </fieldset>
  );
}
