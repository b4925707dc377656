import { z } from 'zod';
import { describe, expect, it } from 'vitest';
import { describeSchema } from './describe';

describe('describeSchema', () => {
  it('reads range, default, help and unit through wrappers, the outermost help winning', () => {
    const schema = z.number().int().min(1).max(9).describe('inner').default(3).meta({ description: 'bars of history', unit: 'bars' });
    expect(describeSchema(schema)).toEqual({ kind: 'integer', min: 1, max: 9, minExclusive: false, maxExclusive: false, required: false, default: 3, help: 'bars of history', unit: 'bars' });
  });

  it('treats optional, refined, transformed and nullable schemas as their inner field', () => {
    expect(describeSchema(z.number().positive().optional())).toMatchObject({ kind: 'number', min: 0, minExclusive: true, required: false });
    expect(describeSchema(z.number().refine((n) => n !== 3))).toMatchObject({ kind: 'number', required: true });
    expect(describeSchema(z.string().min(2).transform((s) => s.length))).toMatchObject({ kind: 'string', minLength: 2 });
    expect(describeSchema(z.enum(['a', 'b']).nullable())).toMatchObject({ kind: 'enum', options: ['a', 'b'] });
  });

  it('describes objects with a catchall, lists and discriminated unions by literal or enum', () => {
    const row = describeSchema(z.object({ name: z.string() }).catchall(z.number()));
    expect(row).toMatchObject({ kind: 'object', fields: [{ key: 'name' }], extra: { kind: 'number' } });
    expect(describeSchema(z.array(z.boolean()).min(1).max(3))).toMatchObject({ kind: 'array', item: { kind: 'boolean' }, minItems: 1, maxItems: 3 });
    const union = describeSchema(
      z.discriminatedUnion('type', [z.strictObject({ type: z.literal('a'), x: z.number() }), z.strictObject({ type: z.enum(['b', 'c']), y: z.string() })]),
    );
    expect(union.kind === 'union' && union.members.map((m) => m.value)).toEqual(['a', 'b', 'c']);
  });

  it('gives text formats their patterns and anything else a JSON field', () => {
    expect(describeSchema(z.union([z.iso.date(), z.iso.datetime()]))).toMatchObject({ kind: 'string', oneOf: [{ patterns: [expect.any(RegExp)] }, { patterns: [expect.any(RegExp)] }] });
    expect(describeSchema(z.record(z.string(), z.number().min(1)))).toMatchObject({ kind: 'record', key: { kind: 'string' }, value: { kind: 'number', min: 1 } });
    expect(describeSchema(z.record(z.enum(['a', 'b']), z.string()))).toMatchObject({ kind: 'record', key: { kind: 'enum', options: ['a', 'b'] } });
    expect(describeSchema(z.record(z.number(), z.string()))).toMatchObject({ kind: 'json' });
  });
});
