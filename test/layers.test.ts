import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';
import { loadLayerTable, readLayerTable, type LayerRow } from '../scripts/layers.mjs';

const table = loadLayerTable();
const eslint = new ESLint({ cwd: new URL('..', import.meta.url).pathname });

/** Lints one import statement as if it were written in a file of `row`'s folder. */
async function restrictedImport(row: LayerRow, target: LayerRow, typeOnly: boolean): Promise<string[]> {
  const depth = row.folder.split('/').length;
  const specifier = `${'../'.repeat(depth)}${target.folder}/probe`;
  const code = typeOnly ? `import type { Probe } from '${specifier}';\nexport type P = Probe;\n` : `import { probe } from '${specifier}';\nexport const p = probe;\n`;
  const [result] = await eslint.lintText(code, { filePath: `${row.folder}/layerProbe.ts` });
  return (result?.messages ?? []).filter((m) => m.ruleId === '@typescript-eslint/no-restricted-imports').map((m) => m.message);
}

describe('the layer table of docs/ARCHITECTURE.md is what lint enforces', () => {
  it('reads every layer', () => {
    expect(table.map((r) => r.name)).toEqual(expect.arrayContaining(['core', 'notebook', 'ml', 'sources', 'storage', 'services', 'state', 'ui', 'app', 'cli', 'workers', 'spec']));
    expect(table.find((r) => r.name === 'spec')?.allowed).toEqual([]);
  });

  it('allows exactly the imports the table allows, and type imports where it says "types only"', async () => {
    for (const row of table) {
      for (const target of table) {
        if (target === row) continue;
        const value = await restrictedImport(row, target, false);
        const allowed = row.allowed.includes(target.name);
        expect(value.length === 0, `${row.folder} importing ${target.folder}: ${value.join('; ')}`).toBe(allowed);
        if (row.typesOnly.includes(target.name)) {
          expect(await restrictedImport(row, target, true), `${row.folder} type-importing ${target.folder}`).toEqual([]);
        }
      }
    }
  }, 60_000);

  it('keeps test helpers out of the app', async () => {
    const [result] = await eslint.lintText("import { fake } from './fakeThing.testkit';\nexport const f = fake;\n", { filePath: 'src/services/probe.ts' });
    expect(result?.messages.map((m) => m.message).join(' ')).toContain('test helpers');
  });

  it('refuses a table row that names an unknown folder', () => {
    const markdown = '| folder | holds | may import |\n| --- | --- | --- |\n| `src/core/` | x | nothing |\n| `src/ml/` | y | core, nowhere |\n';
    expect(() => readLayerTable(markdown)).toThrow('src/ml names unknown folder "nowhere"');
  });
});
