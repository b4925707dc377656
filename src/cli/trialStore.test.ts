import { mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createFileTrialStore, defaultTrialStoreDir } from './trialStore';

describe("the CLI sweep's file store of finished trials", () => {
  it('reads back what it stored, one whole file per key, and a damaged file is a miss', async () => {
    const dir = join(mkdtempSync(join(tmpdir(), 'cfl-store-')), 'trials');
    const store = createFileTrialStore(dir);
    expect(await store.get('sweep-trial:a')).toBeUndefined();
    await store.put('sweep-trial:a', { id: 'a', returns: [0.1, -0.2] }, 64);
    await store.put('sweep-trial:b', { id: 'b', returns: [] }, 64);
    expect(await createFileTrialStore(dir).get('sweep-trial:a')).toEqual({ id: 'a', returns: [0.1, -0.2] });
    const files = readdirSync(dir);
    expect(files.filter((f) => f.endsWith('.json'))).toHaveLength(2);
    expect(files.some((f) => f.includes('partial'))).toBe(false);
    for (const file of files) writeFileSync(join(dir, file), '{"id": "a", "ret');
    expect(await store.get('sweep-trial:a')).toBeUndefined();
  });

  it('lives beside the notebook by default', () => {
    expect(defaultTrialStoreDir('/data/nb/notebook.json')).toBe('/data/nb/.cfl-sweep-trials');
  });
});
