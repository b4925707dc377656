import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { CELL_DECLARATIONS } from './cells/declarations';
import { renderParamTables, withParamTables } from './paramsDoc';
import { notebookSchema } from './schema';

describe('the README reference tables', () => {
  it('are what the declarations generate (run `npm run docs:params` after changing one)', () => {
    const readme = readFileSync(resolve(__dirname, '../../README.md'), 'utf8');
    expect(withParamTables(readme) === readme, 'README.md is stale: run npm run docs:params').toBe(true);
  });

  it('list every cell kind, model, feature, source and rule with its parameters', () => {
    const tables = renderParamTables();
    for (const kind of CELL_DECLARATIONS.map((c) => c.kind)) expect(tables).toContain(`**\`${kind}\`**`);
    expect(tables).toMatch(/\| {2}\| feeBps \| required \| number 0\.\.1000 \| bps \| /);
    expect(tables).toMatch(/\| {2}\| periodsPerYear \| `365` \| number >0\.\.525600 \| bars\/year \| /);
    expect(tables).toMatch(/\| {2}\| {2}\| period \| `14` \| int 1\.\.1000 \| bars \| /);
  });
});

describe('the notebook schema', () => {
  it('converts to a JSON schema (the JSON editor validates with it)', () => {
    const json = z.toJSONSchema(notebookSchema, { io: 'input' }) as { properties: Record<string, unknown> };
    expect(Object.keys(json.properties)).toEqual(['schema', 'version', 'title', 'seed', 'cells']);
    expect(() => z.toJSONSchema(notebookSchema)).not.toThrow();
  });

  it('has one declaration per cell kind, each reading only kinds declared before it', () => {
    const seen = new Set<string>();
    for (const cell of CELL_DECLARATIONS) {
      for (const input of cell.inputs) expect(seen.has(input), `${cell.kind} reads ${input}`).toBe(true);
      expect(cell.schema.meta()?.title).toBe(cell.label);
      seen.add(cell.kind);
    }
    expect(CELL_DECLARATIONS.find((c) => c.kind === 'walkforward')?.inputs).toEqual(['features', 'model']);
  });

  it('gives every cell field one line of help and every number a finite upper bound', () => {
    for (const cell of CELL_DECLARATIONS) {
      for (const [name, field] of Object.entries(cell.schema.shape as Record<string, z.ZodType>)) {
        expect(field.meta()?.description, `${cell.kind}.${name}`).toMatch(/\S/);
        const json = z.toJSONSchema(field, { io: 'input' }) as { type?: string; maximum?: number };
        if (json.type === 'number' || json.type === 'integer') expect(json.maximum, `${cell.kind}.${name}`).toBeLessThan(Infinity);
      }
    }
  });
});
