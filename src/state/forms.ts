/**
 * What the UI needs of the generated forms (the UI layer does not import src/notebook): the
 * cell form of a draft, the codecs of its controls and issues by path.
 */
export { cellForm, CELL_KIND_NAMES } from '../notebook/form/notebookForm';
export { checkNotebookJson, type JsonProblem } from '../notebook/form/jsonCheck';
import { keyHints } from '../notebook/form/keyHints';
import { NOTEBOOK_FIELD } from '../notebook/form/notebookForm';

/** Per field key, what it takes (type, range, default, help): the JSON view's hover text. */
export const NOTEBOOK_KEY_HINTS: ReadonlyMap<string, readonly string[]> = keyHints(NOTEBOOK_FIELD);
export { fromInput, isTriState, toInput, type ControlInput } from '../notebook/form/codec';
export { issuesAt, issuesWithin, type FormIssue } from '../notebook/form/issues';
export { pathText, type Path, type PathKey } from '../notebook/form/path';
export type { ArrayNode, FormNode, LeafNode, ObjectNode, RecordNode, UnionNode } from '../notebook/form/formTree';
export type { Field, LeafField, NumberField } from '../notebook/form/describe';

