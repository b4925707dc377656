import type { Field, NumberField, ObjectField, UnionField } from './describe';
import { unionMember } from './describe';

/** A plain number inside the field's range, for a required field without a default. */
function numberInRange(field: NumberField): number {
  const { min, max } = field;
  const fitsMax = (v: number) => max === undefined || (field.maxExclusive ? v < max : v <= max);
  if (min !== undefined && !field.minExclusive) return field.kind === 'integer' ? Math.ceil(min) : min;
  if (min !== undefined) {
    // An open lower bound (`.positive()`): one step above it, or halfway to the maximum.
    const above = field.kind === 'integer' ? Math.floor(min) + 1 : min + 1;
    if (fitsMax(above)) return above;
    const half = (min + (max ?? min + 2)) / 2;
    return field.kind === 'integer' ? Math.ceil(half) : half;
  }
  if (max !== undefined) return fitsMax(0) ? 0 : field.kind === 'integer' ? Math.floor(max) - (field.maxExclusive ? 1 : 0) : max - 1;
  return 0;
}

/**
 * A starting value for a new field: its declared default, else the smallest valid-looking value
 * (the minimum, the first option, an empty list). Optional fields without a default start absent.
 */
export function defaultValue(field: Field, { includeOptional = false } = {}): unknown {
  if (field.default !== undefined) return structuredClone(field.default);
  if (!field.required && !includeOptional) return undefined;
  switch (field.kind) {
    case 'number':
    case 'integer':
      return numberInRange(field);
    case 'enum':
      return field.options[0];
    case 'boolean':
      return false;
    case 'string':
      return '';
    case 'literal':
      return field.value;
    case 'json':
      return undefined;
    case 'array':
      return Array.from({ length: field.minItems ?? 0 }, () => defaultValue(field.item, { includeOptional: true }));
    case 'object':
      return objectDefaults(field);
    case 'record':
      return {};
    case 'union':
      return objectDefaults(field.members[0]!.field);
  }
}

export function objectDefaults(field: ObjectField): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const { key, field: child } of field.fields) {
    const value = defaultValue(child);
    if (value !== undefined) out[key] = value;
  }
  return out;
}

/**
 * The union member `value` with its defaults, keeping the previous object's fields that the new
 * member also declares and accepts as they are (an ensemble member's lookback survives a type
 * change).
 */
export function switchUnionMember(field: UnionField, value: string, previous: unknown): Record<string, unknown> {
  const member = unionMember(field, value);
  if (!member) throw new Error(`unknown ${field.discriminator} "${value}"; expected one of ${field.members.map((m) => m.value).join(', ')}`);
  const next = objectDefaults(member);
  if (previous && typeof previous === 'object' && !Array.isArray(previous)) {
    for (const [key, old] of Object.entries(previous as Record<string, unknown>)) {
      if (key !== field.discriminator && fits(member.fields.find((f) => f.key === key)?.field, old)) next[key] = old;
    }
  }
  next[field.discriminator] = value;
  return next;
}

/** Whether a plain value fits a leaf field's type, range and options (containers never: they take the new member's defaults). */
function fits(field: Field | undefined, value: unknown): boolean {
  if (!field) return false;
  switch (field.kind) {
    case 'number':
    case 'integer': {
      if (typeof value !== 'number' || !Number.isFinite(value)) return false;
      if (field.kind === 'integer' && !Number.isInteger(value)) return false;
      if (field.min !== undefined && (field.minExclusive ? value <= field.min : value < field.min)) return false;
      return field.max === undefined || (field.maxExclusive ? value < field.max : value <= field.max);
    }
    case 'enum':
      return field.options.includes(value as string | number);
    case 'boolean':
      return typeof value === 'boolean';
    case 'string':
      return typeof value === 'string' && value.length >= (field.minLength ?? 0) && value.length <= (field.maxLength ?? Infinity);
    case 'literal':
      return value === field.value;
    case 'array':
    case 'json':
    case 'object':
    case 'record':
    case 'union':
      return false;
  }
}
