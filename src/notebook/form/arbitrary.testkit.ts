import fc from 'fast-check';
import { defaultValue } from './defaults';
import type { Field, NumberField, ObjectField, StringField } from './describe';

/**
 * Values generated from a descriptor alone. Numbers lean towards their default (or minimum) so
 * that cross-field rules a descriptor cannot express (an ensemble member's lookback equals the
 * ensemble's, heads divide dModel) hold often enough for a filter by the schema.
 */
const MAX_LIST = 3;

function numberArbitrary(field: NumberField): fc.Arbitrary<number> {
  const lo = field.min ?? -1e6;
  const hi = field.max ?? 1e6;
  const preferred = defaultValue(field, { includeOptional: true }) as number;
  if (field.kind === 'integer') {
    const inRange = fc.integer({ min: Math.ceil(lo + (field.minExclusive ? 1 : 0)), max: Math.floor(hi - (field.maxExclusive ? 1 : 0)) });
    return fc.oneof({ weight: 4, arbitrary: fc.constant(preferred) }, { weight: 1, arbitrary: inRange });
  }
  const inRange = fc
    .double({ min: lo, max: hi, noNaN: true, noDefaultInfinity: true, minExcluded: field.minExclusive, maxExcluded: field.maxExclusive })
    .filter((v) => !Object.is(v, -0) || lo < 0);
  return fc.oneof({ weight: 4, arbitrary: fc.constant(preferred) }, { weight: 1, arbitrary: inRange });
}

function stringArbitrary(field: StringField): fc.Arbitrary<string> {
  if (field.oneOf?.length) return fc.oneof(...field.oneOf.map(stringArbitrary));
  const minLength = field.minLength ?? 0;
  const maxLength = Math.min(field.maxLength ?? 12, Math.max(minLength, 12));
  const [first, ...rest] = field.patterns ?? [];
  const text = first ? fc.stringMatching(first) : fc.string({ minLength, maxLength });
  return text.filter((t) => t.length >= minLength && t.length <= (field.maxLength ?? Infinity) && rest.every((p) => p.test(t)));
}

function objectArbitrary(field: ObjectField): fc.Arbitrary<Record<string, unknown>> {
  const required = field.fields.filter((f) => f.field.required || f.field.kind === 'literal').map((f) => f.key);
  const record: Record<string, fc.Arbitrary<unknown>> = {};
  for (const { key, field: child } of field.fields) record[key] = arbitraryFor(child);
  const base = fc.record(record, { requiredKeys: required });
  if (!field.extra) return base;
  const extra = field.extra;
  const declared = new Set(field.fields.map((f) => f.key));
  const extraKeys = fc.dictionary(
    fc.stringMatching(/^[a-z][A-Za-z]{0,7}$/).filter((k) => !declared.has(k) && k !== '__proto__'),
    arbitraryFor(extra),
    { maxKeys: 2 },
  );
  return fc.tuple(base, extraKeys).map(([b, e]) => ({ ...e, ...b }));
}

export function arbitraryFor(field: Field): fc.Arbitrary<unknown> {
  switch (field.kind) {
    case 'number':
    case 'integer':
      return numberArbitrary(field);
    case 'enum':
      return fc.constantFrom(...field.options);
    case 'boolean':
      return fc.boolean();
    case 'string':
      return stringArbitrary(field);
    case 'literal':
      return fc.constant(field.value);
    case 'json':
      // A JSON field's shape is not in its descriptor: its default when it has one (a sweep's parameters), else string maps (a feature's columns).
      if (field.default !== undefined) return fc.constant(field.default);
      return fc.dictionary(fc.stringMatching(/^[a-z]{1,6}$/), fc.stringMatching(/^[a-z]{1,6}$/), { maxKeys: 2 });
    case 'array': {
      const minLength = field.minItems ?? 0;
      return fc.array(arbitraryFor(field.item), { minLength, maxLength: Math.max(minLength, Math.min(field.maxItems ?? MAX_LIST, MAX_LIST)) });
    }
    case 'object':
      return objectArbitrary(field);
    case 'record': {
      // A value edited as JSON text (a sweep parameter's list or range) has no shape in its descriptor to generate from.
      if (field.value.kind === 'json' && field.value.default === undefined) return fc.constant({});
      const keys = field.key.kind === 'enum' ? fc.constantFrom(...field.key.options.map(String)) : fc.stringMatching(/^[a-z][A-Za-z]{0,7}$/);
      return fc.dictionary(keys, arbitraryFor(field.value), { maxKeys: 2 });
    }
    case 'union':
      return fc.oneof(...field.members.map((m) => objectArbitrary(m.field)));
  }
}
