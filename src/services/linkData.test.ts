import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { hashFrame } from '../core/hash';
import { loadCsv } from '../sources/csv';
import { loadFrame } from '../storage/datasets';
import { openDb, type CryptoForecastLabDB } from '../storage/db';
import { createLinkData } from './linkData';

const csv = (closes: number[]) => ['time,open,high,low,close,volume', ...closes.map((c, i) => `2024-01-${String(i + 1).padStart(2, '0')},${c},${c + 1},${c - 1},${c},10`)].join('\n');
const theirs = csv([100, 101, 103, 102, 104]);
const linkHash = hashFrame(loadCsv(theirs, { name: 'btc.csv' }).frame);

let counter = 0;
const opened: CryptoForecastLabDB[] = [];
afterEach(async () => {
  for (const db of opened.splice(0)) {
    db.close();
    await db.delete();
  }
});
function freshDb() {
  const db = openDb(`link-data-${++counter}`);
  opened.push(db);
  return db;
}

describe('the CSV of a notebook opened from a link', () => {
  it('accepts the file whose content hash is the link’s and stores it for the run', async () => {
    const db = freshDb();
    const data = createLinkData(db);
    expect(await data.has(linkHash)).toBe(false);
    const check = await data.checkCsv(new Blob([theirs]), { type: 'csv', name: 'btc.csv', hash: linkHash });
    expect(check).toEqual({ ok: true, hash: linkHash, rows: 5 });
    expect(await data.has(linkHash)).toBe(true);
    expect(Array.from((await loadFrame(db, linkHash)).columns.close!)).toEqual([100, 101, 103, 102, 104]);
  });

  it('refuses a different file with both full hashes and stores nothing', async () => {
    const db = freshDb();
    const data = createLinkData(db);
    const other = csv([100, 101, 103, 102, 105]);
    const otherHash = hashFrame(loadCsv(other, { name: 'btc.csv' }).frame);
    const check = await data.checkCsv(new Blob([other]), { type: 'csv', name: 'btc.csv', hash: linkHash });
    expect(check).toEqual({
      ok: false,
      fileHash: otherHash,
      linkHash,
      message: `this is not the file the link was made with: its content hash is ${otherHash}, the link's is ${linkHash}; choose the file "btc.csv" the link names`,
    });
    expect(await data.has(otherHash)).toBe(false);
  });
});
