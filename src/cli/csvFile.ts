/** A CSV file for the CLI as a stream of byte chunks, refused up front when it is past the size limit. */
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { DEFAULT_CSV_LIMITS, fmt } from '../sources/csvStream';

export async function openCsvFile(path: string, maxBytes = DEFAULT_CSV_LIMITS.maxFileBytes): Promise<AsyncIterable<Uint8Array>> {
  const info = await stat(path).catch((err: unknown) => {
    throw new Error(`cannot read the CSV file ${path} (${err instanceof Error && 'code' in err ? String(err.code) : 'unknown error'}): check the data cell's path`);
  });
  if (!info.isFile()) throw new Error(`the CSV path ${path} is not a file`);
  if (info.size > maxBytes) throw new Error(`${path}: the file has ${fmt(info.size)} bytes, more than the limit of ${fmt(maxBytes)}: split it or resample it to longer bars`);
  return createReadStream(path, { highWaterMark: 1 << 20 });
}
