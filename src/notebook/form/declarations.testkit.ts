import type { z } from 'zod';
import type { Field, ObjectField, UnionField } from './describe';
import { NOTEBOOK_FIELD } from './notebookForm';

export interface Declaration {
  /** `cells kind=model`, `model type=lstm`, `source type=demo`, ... */
  name: string;
  union: UnionField;
  value: string;
  field: ObjectField;
  schema: z.ZodType;
}

/** Every member of every discriminated union in the notebook schema: each cell kind, model type, source type. */
export function declarations(root: Field = NOTEBOOK_FIELD): Declaration[] {
  const found = new Map<z.ZodType, Declaration>();
  const visit = (field: Field, key: string) => {
    if (field.kind === 'array') visit(field.item, key);
    if (field.kind === 'object') for (const f of field.fields) visit(f.field, f.key);
    if (field.kind === 'union') {
      for (const m of field.members) {
        if (found.has(m.schema)) continue;
        found.set(m.schema, { name: `${key} ${field.discriminator}=${m.value}`, union: field, value: m.value, field: m.field, schema: m.schema });
        visit(m.field, key);
      }
    }
  };
  visit(root, 'notebook');
  return [...found.values()];
}
