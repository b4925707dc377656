import type { ArrayField, Field, LeafField, ObjectField, RecordField, UnionField } from './describe';
import { unionMember } from './describe';
import { fromInput, toInput, type ControlInput } from './codec';
import { pathText, type Path, type PathKey } from './path';

/**
 * A form is the descriptor tree laid over a value: each node knows its path, its label and what
 * its control shows. The UI renders nodes and dispatches edits at their paths; `writeForm`
 * rebuilds the value from the nodes (the round trip the property tests hold the forms to).
 */
interface NodeBase {
  path: Path;
  key: PathKey;
  /** Accessible label: the key itself, with its parent path added where the key repeats in the form. */
  label: string;
  /** False when an optional field is absent from the value. */
  present: boolean;
}
export interface LeafNode extends NodeBase {
  kind: 'leaf';
  field: LeafField;
  input: ControlInput;
  /** A key beyond the declared fields (a catchall's parameter), which the user may remove. */
  removable: boolean;
}
export interface ObjectNode extends NodeBase {
  kind: 'object';
  field: ObjectField;
  children: FormNode[];
}
export interface ArrayNode extends NodeBase {
  kind: 'array';
  field: ArrayField;
  items: FormNode[];
}
/** A record: one entry per key, each the value schema's node at `[...path, key]`, labelled by its key. */
export interface RecordNode extends NodeBase {
  kind: 'record';
  field: RecordField;
  entries: FormNode[];
}
export interface UnionNode extends NodeBase {
  kind: 'union';
  field: UnionField;
  /** The discriminator's value, or the raw value when it names no member. */
  selected: string;
  /** The chosen member's fields, discriminator left out (the select shows it). */
  member: ObjectNode | null;
}
export type FormNode = LeafNode | ObjectNode | ArrayNode | UnionNode | RecordNode;

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function build(field: Field, value: unknown, path: Path, key: PathKey, removable = false): FormNode {
  const base = { path, key, label: String(key), present: value !== undefined };
  switch (field.kind) {
    case 'object':
      return objectNode(field, value, path, key, []);
    case 'array': {
      const items = Array.isArray(value) ? value.map((item, i) => build(field.item, item, [...path, i], i)) : [];
      return { ...base, kind: 'array', field, items };
    }
    case 'record': {
      const entries = isRecord(value) ? Object.entries(value).map(([entryKey, entry]) => build(field.value, entry, [...path, entryKey], entryKey, true)) : [];
      return { ...base, kind: 'record', field, entries };
    }
    case 'union': {
      const selected = isRecord(value) ? value[field.discriminator] : undefined;
      const member = unionMember(field, selected);
      return {
        ...base,
        kind: 'union',
        field,
        selected: typeof selected === 'string' ? selected : '',
        member: member ? objectNode(member, value, path, key, [field.discriminator]) : null,
      };
    }
    default:
      return { ...base, kind: 'leaf', field, input: toInput(field, value), removable };
  }
}

function objectNode(field: ObjectField, value: unknown, path: Path, key: PathKey, skip: string[]): ObjectNode {
  const record = isRecord(value) ? value : {};
  const children = field.fields.filter((f) => !skip.includes(f.key)).map((f) => build(f.field, record[f.key], [...path, f.key], f.key));
  if (field.extra) {
    const declared = new Set(field.fields.map((f) => f.key));
    for (const [extraKey, extraValue] of Object.entries(record)) {
      if (!declared.has(extraKey)) children.push(build(field.extra, extraValue, [...path, extraKey], extraKey, true));
    }
  }
  return { path, key, label: String(key), present: value !== undefined, kind: 'object', field, children };
}

function* leaves(node: FormNode): Generator<FormNode> {
  yield node;
  if (node.kind === 'object') for (const child of node.children) yield* leaves(child);
  if (node.kind === 'array') for (const item of node.items) yield* leaves(item);
  if (node.kind === 'record') for (const entry of node.entries) yield* leaves(entry);
  if (node.kind === 'union' && node.member) for (const child of node.member.children) yield* leaves(child);
}

/**
 * Labels are unique within a form: a repeated key gets its parent path, `lookback (members[0])`;
 * a list item is named after its list, `hidden[1]`.
 */
function labelNodes(root: FormNode, rootPath: Path): void {
  const all = [...leaves(root)].filter((n) => n !== root);
  const counts = new Map<PathKey, number>();
  for (const node of all) if (typeof node.key === 'string') counts.set(node.key, (counts.get(node.key) ?? 0) + 1);
  for (const node of all) {
    const relative = node.path.slice(rootPath.length);
    if (typeof node.key === 'number') {
      const named = relative.findLastIndex((k) => typeof k === 'string');
      node.label = pathText(relative.slice(Math.max(0, named)));
    } else if ((counts.get(node.key) ?? 0) > 1) {
      const parent = pathText(relative.slice(0, -1));
      if (parent) node.label = `${node.key} (${parent})`;
    }
  }
}

/** The form of `value` under `field`, rooted at `path` (a cell's path inside the notebook, say). */
export function readForm(field: Field, value: unknown, path: Path = [], key: PathKey = ''): FormNode {
  const root = build(field, value, path, key);
  labelNodes(root, path);
  return root;
}

/** The value the form's controls hold: the inverse of `readForm` for every valid value. */
export function writeForm(node: FormNode): unknown {
  if (!node.present) return undefined;
  switch (node.kind) {
    case 'leaf':
      return fromInput(node.field, node.input);
    case 'array':
      return node.items.map(writeForm);
    case 'object':
      return writeObject(node);
    case 'record':
      return Object.fromEntries(node.entries.flatMap((entry) => (entry.present ? [[String(entry.key), writeForm(entry)]] : [])));
    case 'union':
      return node.member ? { [node.field.discriminator]: node.selected, ...writeObject(node.member) } : undefined;
  }
}

function writeObject(node: ObjectNode): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const child of node.children) {
    const value = writeForm(child);
    if (value !== undefined) out[String(child.key)] = value;
  }
  return out;
}

/** Every node of a form, depth first (tests and label checks walk it). */
export function formNodes(root: FormNode): FormNode[] {
  return [...leaves(root)];
}
