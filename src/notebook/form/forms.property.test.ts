import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { arbitraryFor } from './arbitrary.testkit';
import { declarations } from './declarations.testkit';
import { defaultValue } from './defaults';
import type { LeafField } from './describe';
import { formNodes, readForm, writeForm, type LeafNode } from './formTree';
import { check } from './issues';
import { CELL_UNION, checkNotebook } from './notebookForm';
import { getAt, pathText, setAt } from './path';

// Seeded: a failure reproduces; a new seed is a deliberate change (past failing values became unit tests).
fc.configureGlobal({ seed: 20_261_202 });
const RUNS = 100;
const all = declarations();
const tiny = JSON.parse(readFileSync('public/notebooks/tiny.json', 'utf8')) as { cells: unknown[] };

/** Values a leaf must refuse: out of its range, not an integer, not one of its options. */
function invalidValues(field: LeafField): unknown[] {
  switch (field.kind) {
    case 'integer':
    case 'number': {
      const out: unknown[] = [];
      if (field.max !== undefined) out.push(field.maxExclusive ? field.max : field.kind === 'integer' ? field.max + 1 : field.max + Math.abs(field.max) + 1);
      if (field.min !== undefined) out.push(field.minExclusive ? field.min : field.kind === 'integer' ? field.min - 1 : field.min - Math.abs(field.min) - 1);
      // A fraction next to the minimum (where one is representable: near ±2^53 there are none).
      const near = field.min !== undefined && Math.abs(field.min) < 2 ** 50 ? field.min : 0;
      if (field.kind === 'integer') out.push(near + 0.5);
      out.push('not a number');
      return out;
    }
    case 'enum':
      return ['__not_an_option__'];
    case 'boolean':
      return ['yes'];
    default:
      return [];
  }
}

describe('forms generated from the declarations', () => {
  it('finds every cell kind, model type and source type', () => {
    const names = all.map((d) => d.name);
    for (const expected of ['cells kind=data', 'cells kind=backtest', 'cells kind=markdown', 'model type=lstm', 'model type=ensemble', 'source type=demo', 'source type=csv']) {
      expect(names).toContain(expected);
    }
  });

  describe.each(all.map((d) => [d.name, d] as const))('%s', (_name, declaration) => {
    const own = arbitraryFor(declaration.field);
    const valid = own.filter((v) => declaration.schema.safeParse(v).success);

    it('a value generated from its form descriptor parses, up to cross-field rules', () => {
      fc.assert(
        fc.property(own, (value) => {
          const result = declaration.schema.safeParse(value);
          // Only the refinements a descriptor cannot express (custom issues) may refuse it.
          expect(result.success ? [] : result.error.issues.filter((i) => i.code !== 'custom')).toEqual([]);
        }),
        { numRuns: RUNS },
      );
    });

    it('its defaults, optional parts included, parse (but for text that has no default)', () => {
      const value = defaultValue(declaration.union.members.find((m) => m.value === declaration.value)!.field, { includeOptional: true }) as Record<string, unknown>;
      const withOptional = { ...value, [declaration.union.discriminator]: declaration.value };
      const result = declaration.schema.safeParse(withOptional);
      // Empty text is where a required text without a default waits for the user.
      const notText = result.success ? [] : result.error.issues.filter((i) => getAt(withOptional, i.path.map((k) => (typeof k === 'number' ? k : String(k)))) !== '');
      expect(notText).toEqual([]);
    });

    it('its form round-trips a valid value unchanged', () => {
      fc.assert(
        fc.property(valid, (value) => {
          expect(writeForm(readForm(declaration.union, value))).toEqual(value);
        }),
        { numRuns: RUNS },
      );
    });

    it('an invalid value in any field is reported at that field', () => {
      fc.assert(
        fc.property(valid, (value) => {
          const leaves = formNodes(readForm(declaration.union, value)).filter((n): n is LeafNode => n.kind === 'leaf');
          for (const leaf of leaves) {
            for (const bad of invalidValues(leaf.field)) {
              const { issues } = check(declaration.schema, setAt(value, leaf.path, bad));
              expect(issues.map((i) => pathText(i.path)), `${pathText(leaf.path)} = ${JSON.stringify(bad)}`).toContain(pathText(leaf.path));
              if (declaration.union !== CELL_UNION) continue;
              // A cell in a whole notebook: the same issue, under the cell's path.
              const cell = setAt(setAt(value, ['id'], 'under-test'), leaf.path, bad);
              const notebook = { ...tiny, cells: [...tiny.cells, cell] };
              const whole = checkNotebook(notebook).issues.map((i) => pathText(i.path));
              expect(whole).toContain(pathText(['cells', tiny.cells.length, ...leaf.path]));
            }
          }
        }),
        { numRuns: 20 },
      );
    });
  });
});
