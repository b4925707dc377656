import { useEffect, useState } from 'react';
import { fromInput, isTriState, type LeafNode } from '../../state/forms';
import { useEditActions } from '../LabContext';

export interface ControlIds {
  id: string;
  /** The help and error elements that describe the control (aria-describedby). */
  describedBy: string | undefined;
  invalid: boolean;
}

function rangeText(node: LeafNode): string | undefined {
  const f = node.field;
  if (f.kind !== 'number' && f.kind !== 'integer') return undefined;
  if (f.min === undefined && f.max === undefined) return undefined;
  return `${f.min ?? '−∞'}${f.minExclusive ? ' <' : ' ≤'} ${node.key} ${f.maxExclusive ? '<' : '≤'} ${f.max ?? '∞'}`;
}

/** Text input that keeps what is typed ("1.", "") while the draft holds the parsed value. */
function TextControl({ node, ids, options }: { node: LeafNode; ids: ControlIds; options?: readonly string[] | undefined }) {
  const edit = useEditActions();
  const shown = typeof node.input === 'string' ? node.input : '';
  const [text, setText] = useState(shown);
  // An outside change (undo, the JSON view) replaces the text; our own keystrokes round-trip to it.
  useEffect(() => {
    setText((typed) => (Object.is(fromInput(node.field, typed), fromInput(node.field, shown)) ? typed : shown));
  }, [shown, node.field]);
  const f = node.field;
  const numeric = f.kind === 'number' || f.kind === 'integer';
  const placeholder = f.default !== undefined ? `${JSON.stringify(f.default)} (default)` : f.required ? undefined : '(not set)';
  const listId = options ? `${ids.id}-options` : undefined;
  if (f.kind === 'string' && (f.maxLength ?? 0) > 200) {
    return (
      <textarea
        id={ids.id}
        value={text}
        rows={4}
        aria-invalid={ids.invalid || undefined}
        aria-describedby={ids.describedBy}
        title={f.help}
        onChange={(e) => {
          setText(e.target.value);
          edit.setField(node.path, fromInput(node.field, e.target.value));
        }}
      />
    );
  }
  return (
    <>
      <input
        id={ids.id}
        type="text"
        inputMode={numeric ? 'decimal' : undefined}
        value={text}
        placeholder={placeholder}
        list={listId}
        aria-invalid={ids.invalid || undefined}
        aria-describedby={ids.describedBy}
        title={[node.field.help, rangeText(node)].filter(Boolean).join(' · ') || undefined}
        onChange={(e) => {
          setText(e.target.value);
          edit.setField(node.path, fromInput(node.field, e.target.value));
        }}
      />
      {options && listId ? (
        <datalist id={listId}>
          {options.map((o) => (
            <option key={o} value={o} />
          ))}
        </datalist>
      ) : null}
    </>
  );
}

function SelectControl({ node, ids, options }: { node: LeafNode; ids: ControlIds; options: readonly string[] }) {
  const edit = useEditActions();
  const value = String(node.input);
  const unset = !node.field.required || !options.includes(value);
  return (
    <select
      id={ids.id}
      value={value}
      aria-invalid={ids.invalid || undefined}
      aria-describedby={ids.describedBy}
      title={node.field.help}
      onChange={(e) => edit.setField(node.path, fromInput(node.field, e.target.value))}
    >
      {unset ? <option value="">{node.field.default !== undefined ? `(default: ${String(node.field.default)})` : '(not set)'}</option> : null}
      {value !== '' && !options.includes(value) ? <option value={value}>{value}</option> : null}
      {options.map((o) => (
        <option key={o} value={o}>
          {o}
        </option>
      ))}
    </select>
  );
}

/** The control of one leaf: select for enums, checkbox for booleans, text otherwise. */
export function LeafControl({ node, ids }: { node: LeafNode; ids: ControlIds }) {
  const edit = useEditActions();
  const f = node.field;
  if (f.kind === 'enum') return <SelectControl node={node} ids={ids} options={f.options.map(String)} />;
  if (f.kind === 'boolean' && isTriState(f)) return <SelectControl node={node} ids={ids} options={['true', 'false']} />;
  if (f.kind === 'boolean') {
    return (
      <input
        id={ids.id}
        type="checkbox"
        checked={node.input === true}
        aria-describedby={ids.describedBy}
        title={f.help}
        onChange={(e) => edit.setField(node.path, e.target.checked)}
      />
    );
  }
  if (f.kind === 'literal') return <output id={ids.id}>{String(f.value)}</output>;
  return <TextControl node={node} ids={ids} />;
}
