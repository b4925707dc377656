import type { ReactNode } from 'react';
import { issuesAt, pathText, type ArrayNode, type FormIssue, type FormNode, type LeafNode, type ObjectNode, type UnionNode } from '../../state/forms';
import { idsOf, Notes, RemoveButton } from './FieldNotes';
import { RecordView } from './RecordView';
import { useEditActions } from '../LabContext';
import { LeafControl, type ControlIds } from './LeafControl';

interface Props {
  node: FormNode;
  issues: readonly FormIssue[];
}

function LeafRow({ node, issues, removable }: Props & { node: LeafNode; removable?: boolean }) {
  const ids = idsOf(node, issues);
  const control: ControlIds = { id: ids.id, describedBy: ids.describedBy, invalid: ids.invalid };
  return (
    <div className={`field${ids.invalid ? ' invalid' : ''}`}>
      <label htmlFor={ids.id}>
        {node.label}
        {node.field.unit ? <span className="unit"> ({node.field.unit})</span> : null}
      </label>
      <LeafControl node={node} ids={control} />
      {removable || node.removable ? <RemoveButton node={node} /> : null}
      <Notes id={ids.id} help={ids.help} errors={ids.errors} />
    </div>
  );
}

function ObjectView({ node, issues, removable }: Props & { node: ObjectNode; removable?: boolean }) {
  const edit = useEditActions();
  const ids = idsOf(node, issues);
  const optional = !node.field.required && node.field.default === undefined;
  const legend = optional ? (
    <label>
      <input type="checkbox" id={ids.id} checked={node.present} aria-describedby={ids.describedBy} title={ids.help} onChange={(e) => edit.toggleOptional(node.path, e.target.checked)} />
      {node.label}
    </label>
  ) : (
    <span>{node.label}</span>
  );
  return (
    <fieldset className="group" data-testid={`group-${pathText(node.path)}`}>
      <legend>
        {legend}
        {removable ? <RemoveButton node={node} /> : null}
      </legend>
      <Notes id={ids.id} help={ids.help} errors={ids.errors} />
      {node.present ? <Children nodes={node.children} issues={issues} /> : null}
    </fieldset>
  );
}

function Children({ nodes, issues }: { nodes: readonly FormNode[]; issues: readonly FormIssue[] }) {
  return (
    <>
      {nodes.map((child) => (
        <FormNodeView key={String(child.key)} node={child} issues={issues} />
      ))}
    </>
  );
}

function ArrayView({ node, issues }: Props & { node: ArrayNode }) {
  const edit = useEditActions();
  const ids = idsOf(node, issues);
  const full = node.field.maxItems !== undefined && node.items.length >= node.field.maxItems;
  const optional = !node.field.required && node.field.default === undefined;
  return (
    <fieldset className="group list" data-testid={`list-${pathText(node.path)}`}>
      <legend>
        {optional ? (
          <label>
            <input type="checkbox" checked={node.present} onChange={(e) => edit.toggleOptional(node.path, e.target.checked)} />
            {node.label}
          </label>
        ) : (
          <span>{node.label}</span>
        )}
      </legend>
      <Notes id={ids.id} help={ids.help} errors={ids.errors} />
      {node.items.map((item) => (
        <FormNodeView key={String(item.key)} node={item} issues={issues} removable />
      ))}
      {node.present ? (
        <button type="button" className="link" disabled={full} data-testid={`add-${pathText(node.path)}`} onClick={() => edit.addItem(node.path)}>
          + add to {node.label}
        </button>
      ) : null}
    </fieldset>
  );
}

function UnionView({ node, issues, removable }: Props & { node: UnionNode; removable?: boolean }) {
  const edit = useEditActions();
  const ids = idsOf(node, issues);
  const selectId = `${ids.id}-${node.field.discriminator}`;
  const typeErrors = issuesAt(issues, [...node.path, node.field.discriminator]);
  const values = node.field.members.map((m) => m.value);
  return (
    <fieldset className="group" data-testid={`group-${pathText(node.path)}`}>
      <legend>
        <label htmlFor={selectId}>
          {node.label} {node.field.discriminator}
        </label>{' '}
        <select id={selectId} value={node.selected} title={ids.help} aria-describedby={ids.describedBy} onChange={(e) => edit.chooseType(node.path, e.target.value)}>
          {values.includes(node.selected) ? null : <option value={node.selected}>{node.selected || '(choose)'}</option>}
          {values.map((v) => (
            <option key={v} value={v}>
              {v}
            </option>
          ))}
        </select>
        {removable ? <RemoveButton node={node} /> : null}
      </legend>
      <Notes id={ids.id} help={ids.help} errors={[...ids.errors, ...typeErrors]} />
      {node.member ? <Children nodes={node.member.children} issues={issues} /> : null}
    </fieldset>
  );
}

/** Renders one node of a generated form; edits are dispatched at the node's path. */
export function FormNodeView({ node, issues, removable = false }: Props & { removable?: boolean }): ReactNode {
  switch (node.kind) {
    case 'leaf':
      return <LeafRow node={node} issues={issues} removable={removable} />;
    case 'object':
      return <ObjectView node={node} issues={issues} removable={removable} />;
    case 'array':
      return <ArrayView node={node} issues={issues} />;
    case 'union':
      return <UnionView node={node} issues={issues} removable={removable} />;
    case 'record':
      return (
        <RecordView node={node} issues={issues} removable={removable}>
          {node.entries.map((entry) => (
            <FormNodeView key={String(entry.key)} node={entry} issues={issues} removable />
          ))}
        </RecordView>
      );
  }
}
