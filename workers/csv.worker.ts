/**
 * Thin comlink entry for CSV import: the page sends the file's bytes (transferred), everything
 * O(rows) happens here (workers/csvSession.ts), and the finished frame's buffers are transferred
 * back. The client is src/services/csvImport.ts.
 */
import * as Comlink from 'comlink';
import type { CleaningFixes } from '../src/core/cleaning';
import { CsvSession, type CsvFinished, type Progress } from './csvSession';

const session = new CsvSession();

const api = {
  open: (buffer: ArrayBuffer, name: string, progress: Progress) => session.open(buffer, name, progress),
  parse: (mapping: Record<string, string>, exclude: string[], progress: Progress) => session.parse(mapping, exclude, progress),
  previewFixes: (fixes: CleaningFixes) => session.previewFixes(fixes),
  describe: () => session.describe(),
  finish(fixes: CleaningFixes, progress: Progress): CsvFinished {
    const finished = session.finish(fixes, progress);
    const { frame } = finished;
    const buffers = [frame.time.buffer, ...Object.values(frame.columns).map((c) => c.buffer)] as ArrayBuffer[];
    return Comlink.transfer(finished, [...new Set(buffers)]);
  },
  close: () => session.close(),
};

export type CsvWorkerApi = typeof api;

Comlink.expose(api);
