/**
 * The data of a notebook opened from a link. A link carries a CSV's name and content hash, never
 * its rows: the recipient picks the file, which is read with the link's mapping and fixes, hashed,
 * and stored only when its hash is the link's (a different file is refused with both hashes).
 */
import type { CsvSourceSpec } from '../notebook/schema';
import { loadDataCell } from '../sources/loadSource';
import { saveFrame } from '../storage/datasets';
import type { CryptoForecastLabDB } from '../storage/db';

export type LinkedCsvCheck = { ok: true; hash: string; rows: number } | { ok: false; fileHash: string; linkHash: string; message: string };

export interface LinkData {
  /** Whether a dataset with this content hash is stored in this browser. */
  has(hash: string): Promise<boolean>;
  /** Reads `file` as the link's CSV source, stores it when its hash matches. */
  checkCsv(file: Blob, source: CsvSourceSpec & { hash: string }): Promise<LinkedCsvCheck>;
}

export function createLinkData(db: CryptoForecastLabDB): LinkData {
  return {
    async has(hash) {
      return (await db.datasets.get(hash)) !== undefined;
    },
    async checkCsv(file, source) {
      const { hash: linkHash, ...withoutHash } = source;
      const loaded = await loadDataCell({ source: withoutHash }, { readCsvText: () => file.text() });
      if (loaded.hash !== linkHash) {
        return {
          ok: false,
          fileHash: loaded.hash,
          linkHash,
          message: `this is not the file the link was made with: its content hash is ${loaded.hash}, the link's is ${linkHash}; choose the file "${source.name}" the link names`,
        };
      }
      await saveFrame(db, loaded.frame, source, { hash: loaded.hash });
      return { ok: true, hash: loaded.hash, rows: loaded.frame.time.length };
    },
  };
}
