import { z } from 'zod';

/**
 * Field descriptors: what a form needs to know about a zod schema, read through zod 4's public
 * API (`schema.def`, `minValue`, the global registry). Generic on purpose: nothing here knows a
 * parameter's name, so a new declaration gets its form for free.
 */

interface Common {
  /** False for `.optional()` fields without a default: the form may leave them out. */
  required: boolean;
  /** The `.default(...)` value, when there is one. */
  default?: unknown;
  help?: string;
  unit?: string;
}

export interface NumberField extends Common {
  kind: 'number' | 'integer';
  min?: number;
  max?: number;
  minExclusive: boolean;
  maxExclusive: boolean;
}
export interface EnumField extends Common {
  kind: 'enum';
  options: readonly (string | number)[];
}
export interface BooleanField extends Common {
  kind: 'boolean';
}
export interface StringField extends Common {
  kind: 'string';
  minLength?: number;
  maxLength?: number;
  /** Patterns the text must match (formats such as ISO dates, `.regex(...)`). */
  patterns?: readonly RegExp[];
  /** A union of string formats (date or datetime): the text matches one of them. */
  oneOf?: readonly StringField[];
}
export interface LiteralField extends Common {
  kind: 'literal';
  value: string | number | boolean;
}
/** Anything without a dedicated control (non-discriminated unions of objects, say): edited as JSON text. */
export interface JsonField extends Common {
  kind: 'json';
}
export interface ObjectField extends Common {
  kind: 'object';
  fields: readonly { key: string; field: Field }[];
  /** The schema of keys beyond `fields` (`.catchall(...)`); absent for strict objects. */
  extra?: Field;
}
/** `z.record(key, value)`: rows of key and value, each value with the value schema's control. */
export interface RecordField extends Common {
  kind: 'record';
  /** What a key may be: any text (within its limits) or one of the enum's options. */
  key: StringField | EnumField;
  value: Field;
}
export interface ArrayField extends Common {
  kind: 'array';
  item: Field;
  minItems?: number;
  maxItems?: number;
}
export interface UnionField extends Common {
  kind: 'union';
  discriminator: string;
  /** One per declaration (a cell kind, a model type, a source type), with its own schema. */
  members: readonly { value: string; field: ObjectField; schema: z.ZodType }[];
}

export type LeafField = NumberField | EnumField | BooleanField | StringField | LiteralField | JsonField;
export type Field = LeafField | ObjectField | ArrayField | UnionField | RecordField;

type Meta = { help?: string; unit?: string };

/** Help and unit from `.meta({ description, unit })` or `.describe(...)`, read defensively. */
function metaOf(schema: z.ZodType): Meta {
  const meta: unknown = z.globalRegistry.get(schema);
  const out: Meta = {};
  if (meta && typeof meta === 'object') {
    const { description, unit } = meta as Record<string, unknown>;
    if (typeof description === 'string') out.help = description;
    if (typeof unit === 'string') out.unit = unit;
  }
  if (out.help === undefined && typeof schema.description === 'string') out.help = schema.description;
  return out;
}

interface Unwrapped {
  core: z.ZodType;
  required: boolean;
  hasDefault: boolean;
  default?: unknown;
  meta: Meta;
}

/** Peels `.optional()`, `.default()`, `.nullable()`, pipes and the like, keeping the outermost help. */
function unwrap(schema: z.ZodType): Unwrapped {
  const out: Unwrapped = { core: schema, required: true, hasDefault: false, meta: {} };
  let current: z.ZodType = schema;
  for (let depth = 0; depth < 32; depth++) {
    const meta = metaOf(current);
    out.meta = { ...meta, ...out.meta };
    if (current instanceof z.ZodOptional) {
      out.required = false;
      current = current.unwrap() as z.ZodType;
    } else if (current instanceof z.ZodDefault || current instanceof z.ZodPrefault) {
      if (!out.hasDefault) {
        out.hasDefault = true;
        out.default = current.def.defaultValue;
      }
      current = current.def.innerType as z.ZodType;
    } else if (current instanceof z.ZodNullable || current instanceof z.ZodReadonly || current instanceof z.ZodCatch || current instanceof z.ZodNonOptional) {
      current = current.def.innerType as z.ZodType;
    } else if (current instanceof z.ZodPipe) {
      current = current.def.in as z.ZodType;
    } else if (current instanceof z.ZodLazy) {
      current = current.def.getter() as z.ZodType;
    } else break;
  }
  out.core = current;
  return out;
}

function common(u: Unwrapped): Common {
  const c: Common = { required: u.required && !u.hasDefault };
  if (u.hasDefault) c.default = u.default;
  if (u.meta.help !== undefined) c.help = u.meta.help;
  if (u.meta.unit !== undefined) c.unit = u.meta.unit;
  return c;
}

function lengthBounds(checks: readonly z.core.$ZodCheck[] | undefined): { min?: number; max?: number } {
  const out: { min?: number; max?: number } = {};
  for (const check of checks ?? []) {
    const def = check._zod.def as { check: string; minimum?: number; maximum?: number; length?: number };
    if (def.check === 'min_length' && def.minimum !== undefined) out.min = Math.max(out.min ?? 0, def.minimum);
    if (def.check === 'max_length' && def.maximum !== undefined) out.max = Math.min(out.max ?? Infinity, def.maximum);
    if (def.check === 'length_equals' && def.length !== undefined) out.min = out.max = def.length;
  }
  return out;
}

function numberField(schema: z.ZodNumber, c: Common): NumberField {
  const field: NumberField = { ...c, kind: schema.isInt ? 'integer' : 'number', minExclusive: false, maxExclusive: false };
  for (const check of schema.def.checks ?? []) {
    const def = check._zod.def as { check: string; value?: unknown; inclusive?: boolean };
    if (typeof def.value !== 'number') continue;
    if (def.check === 'greater_than' && (field.min === undefined || def.value >= field.min)) {
      field.min = def.value;
      field.minExclusive = def.inclusive === false;
    }
    if (def.check === 'less_than' && (field.max === undefined || def.value <= field.max)) {
      field.max = def.value;
      field.maxExclusive = def.inclusive === false;
    }
  }
  return field;
}

function stringField(schema: z.ZodString | z.ZodStringFormat, c: Common): StringField {
  const { min, max } = lengthBounds(schema.def.checks);
  const patterns: RegExp[] = [];
  const own = (schema.def as { pattern?: unknown }).pattern;
  if (own instanceof RegExp) patterns.push(own);
  for (const check of schema.def.checks ?? []) {
    const pattern = (check._zod.def as { pattern?: unknown }).pattern;
    if (pattern instanceof RegExp) patterns.push(pattern);
  }
  return {
    ...c,
    kind: 'string',
    ...(min !== undefined ? { minLength: min } : {}),
    ...(max !== undefined ? { maxLength: max } : {}),
    ...(patterns.length ? { patterns } : {}),
  };
}

function objectField(schema: z.ZodObject, c: Common): ObjectField {
  const fields = Object.entries(schema.def.shape).map(([key, child]) => ({ key, field: describeSchema(child as z.ZodType) }));
  const catchall = schema.def.catchall as z.ZodType | undefined;
  const field: ObjectField = { ...c, kind: 'object', fields };
  if (catchall && !(catchall instanceof z.ZodNever)) field.extra = describeSchema(catchall);
  return field;
}

/** The values a union member's discriminator takes: one literal, or each option of an enum. */
function discriminatorValues(member: ObjectField, key: string): string[] {
  const field = member.fields.find((f) => f.key === key)?.field;
  if (field?.kind === 'literal' && typeof field.value === 'string') return [field.value];
  if (field?.kind === 'enum') return field.options.filter((o): o is string => typeof o === 'string');
  return [];
}

function unionField(schema: z.ZodUnion, c: Common): Field {
  const schemas = schema.def.options as readonly z.ZodType[];
  const options = schemas.map((o) => describeSchema(o));
  const discriminator = (schema.def as { discriminator?: unknown }).discriminator;
  if (typeof discriminator === 'string' && options.every((o) => o.kind === 'object')) {
    const members = options.flatMap((field, i) => discriminatorValues(field as ObjectField, discriminator).map((value) => ({ value, field: field as ObjectField, schema: schemas[i]! })));
    if (members.length > 0) return { ...c, kind: 'union', discriminator, members };
  }
  // A union of plain strings (date or datetime, say) is a string to the form.
  if (options.every((o) => o.kind === 'string')) return { ...c, kind: 'string', oneOf: options as StringField[] };
  return { ...c, kind: 'json' };
}

/** The descriptor of any zod schema (wrappers included); unknown shapes fall back to JSON text. */
export function describeSchema(schema: z.ZodType): Field {
  const u = unwrap(schema);
  const c = common(u);
  const core = u.core;
  if (core instanceof z.ZodNumber) return numberField(core, c);
  if (core instanceof z.ZodEnum) return { ...c, kind: 'enum', options: core.options };
  if (core instanceof z.ZodBoolean) return { ...c, kind: 'boolean' };
  if (core instanceof z.ZodString || core instanceof z.ZodStringFormat) return stringField(core, c);
  if (core instanceof z.ZodLiteral) {
    const values = core.def.values.filter((v): v is string | number | boolean => ['string', 'number', 'boolean'].includes(typeof v));
    if (values.length === 1) return { ...c, kind: 'literal', value: values[0]! };
    return { ...c, kind: 'enum', options: values.filter((v): v is string | number => typeof v !== 'boolean') };
  }
  if (core instanceof z.ZodObject) return objectField(core, c);
  if (core instanceof z.ZodArray) {
    const { min, max } = lengthBounds(core.def.checks);
    return { ...c, kind: 'array', item: describeSchema(core.def.element as z.ZodType), ...(min !== undefined ? { minItems: min } : {}), ...(max !== undefined ? { maxItems: max } : {}) };
  }
  if (core instanceof z.ZodUnion) return unionField(core, c);
  if (core instanceof z.ZodRecord) {
    const key = describeSchema(core.def.keyType as z.ZodType);
    if (key.kind === 'string' || key.kind === 'enum') return { ...c, kind: 'record', key, value: describeSchema(core.def.valueType as z.ZodType) };
  }
  return { ...c, kind: 'json' };
}

/** The member of a union whose discriminator equals `value`. */
export function unionMember(field: UnionField, value: unknown): ObjectField | undefined {
  return field.members.find((m) => m.value === value)?.field;
}
