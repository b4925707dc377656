import type { LeafField } from './describe';

/**
 * What a control shows for a value and the value it writes back: text for numbers, strings and
 * JSON; the option's text for enums; a checkbox state for booleans. Text that is not a valid
 * value is written as it is (a string), so the field keeps it and the schema reports the error.
 */
export type ControlInput = string | boolean;

const DECIMAL = /^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/;

/** A strict decimal (no hex, no blank-is-zero): `Number('0x10')` is 16 and `Number('')` is 0. */
export function parseDecimal(text: string): number | null {
  const trimmed = text.trim();
  return DECIMAL.test(trimmed) ? Number(trimmed) : null;
}

/** An optional boolean is a three-way choice (unset, true, false) so that "unset" survives. */
export function isTriState(field: LeafField): boolean {
  return field.kind === 'boolean' && !field.required && field.default === undefined;
}

export function toInput(field: LeafField, value: unknown): ControlInput {
  if (value === undefined) return field.kind === 'boolean' && !isTriState(field) ? field.default === true : '';
  switch (field.kind) {
    case 'number':
    case 'integer':
      if (typeof value === 'number') return Object.is(value, -0) ? '-0' : String(value);
      return typeof value === 'string' ? value : JSON.stringify(value);
    case 'boolean':
      if (isTriState(field)) return typeof value === 'boolean' ? String(value) : JSON.stringify(value);
      return value === true;
    case 'json':
      return typeof value === 'string' && value.startsWith('\u0000') ? value.slice(1) : JSON.stringify(value);
    default:
      return typeof value === 'string' ? value : String(value);
  }
}

/** The value a control writes; `undefined` removes the key (an optional field left empty). */
export function fromInput(field: LeafField, input: ControlInput): unknown {
  if (typeof input === 'boolean') return input;
  // Text is kept as typed (spaces included); an empty optional field is left out.
  const blank = field.kind === 'string' ? input === '' : input.trim() === '';
  if (blank && (!field.required || field.kind === 'json')) return undefined;
  switch (field.kind) {
    case 'number':
    case 'integer':
      return parseDecimal(input) ?? input;
    case 'enum':
      return field.options.find((o) => String(o) === input) ?? input;
    case 'boolean':
      return input === 'true' ? true : input === 'false' ? false : input;
    case 'literal':
      return field.value;
    case 'json':
      try {
        return JSON.parse(input) as unknown;
      } catch {
        // Kept as text behind a marker, so the field shows what was typed and the value fails the schema.
        return `\u0000${input}`;
      }
    case 'string':
      return input;
  }
}
