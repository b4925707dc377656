import { notebookSchema, type NotebookDoc } from '../schema';
import { describeSchema, unionMember, type Field, type ObjectField, type UnionField } from './describe';
import { objectDefaults, switchUnionMember } from './defaults';
import { readForm, type UnionNode } from './formTree';
import { check, type Checked } from './issues';
import { getAt, type Path } from './path';

/** The notebook document's descriptor, walked once from the document schema. */
export const NOTEBOOK_FIELD = describeSchema(notebookSchema);

function cellsUnion(): UnionField {
  if (NOTEBOOK_FIELD.kind !== 'object') throw new Error('the notebook schema is not an object');
  const cells = NOTEBOOK_FIELD.fields.find((f) => f.key === 'cells')?.field;
  if (cells?.kind !== 'array' || cells.item.kind !== 'union') throw new Error('the notebook schema has no list of cells discriminated by kind');
  return cells.item;
}

/** Cells are a discriminated union (by `kind`): one member per cell kind. */
export const CELL_UNION = cellsUnion();
export const CELL_KIND_NAMES: readonly string[] = CELL_UNION.members.map((m) => m.value);

/** The form of the cell at `cells[index]`; its discriminator (`kind`) is the cell's title, not a field. */
export function cellForm(cell: unknown, index: number): UnionNode {
  const node = readForm(CELL_UNION, cell, ['cells', index], index);
  if (node.kind !== 'union') throw new Error('a cell form must be a union');
  return node;
}

/** A new cell of `kind` with its declared defaults and an id not yet used (`model`, `model-2`, ...). */
export function newCell(kind: string, usedIds: ReadonlySet<string>): Record<string, unknown> {
  const member = unionMember(CELL_UNION, kind);
  if (!member) throw new Error(`unknown cell kind "${kind}"; expected one of ${CELL_KIND_NAMES.join(', ')}`);
  let id = kind;
  for (let n = 2; usedIds.has(id); n++) id = `${kind}-${n}`;
  return { ...objectDefaults(member), [CELL_UNION.discriminator]: kind, id };
}

/** The descriptor at `path` of a notebook value (unions resolved by the value's discriminators). */
export function fieldAt(draft: unknown, path: Path): Field | undefined {
  let field: Field | undefined = NOTEBOOK_FIELD;
  for (let i = 0; i < path.length && field; i++) {
    const key = path[i]!;
    if (field.kind === 'union') field = unionMember(field, (getAt(draft, path.slice(0, i)) as Record<string, unknown> | undefined)?.[field.discriminator]);
    if (!field) return undefined;
    if (field.kind === 'array') field = typeof key === 'number' ? field.item : undefined;
    else if (field.kind === 'object') field = objectChild(field, key);
    else if (field.kind === 'record') field = typeof key === 'string' ? field.value : undefined;
    else return undefined;
  }
  return field;
}

function objectChild(field: ObjectField, key: string | number): Field | undefined {
  return field.fields.find((f) => f.key === key)?.field ?? (typeof key === 'string' ? field.extra : undefined);
}

/** The union member of `value` at `path` with its defaults (what choosing a `type` does). */
export function switchMemberAt(draft: unknown, path: Path, value: string): Record<string, unknown> {
  const field = fieldAt(draft, path);
  if (field?.kind !== 'union') throw new Error(`no choice of type at ${path.join('.')}`);
  return switchUnionMember(field, value, getAt(draft, path));
}

export function checkNotebook(draft: unknown): Checked<NotebookDoc> {
  return check(notebookSchema, draft);
}
