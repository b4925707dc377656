/**
 * The page's client for CSV import (the worker is workers/csv.worker.ts). The page thread reads
 * the file's bytes (the browser does that off the JS thread), transfers them, and gets back small
 * summaries; the finished frame's buffers come back transferred and are stored with saveFrame.
 * A worker that dies rejects the call in flight; the next `open` starts a fresh one.
 */
import * as Comlink from 'comlink';
import type { CleaningFixes } from '../core/cleaning';
import type { NotebookDoc } from '../notebook/schema';
import type { ColumnSummary } from '../sources/describe';
import { saveFrame } from '../storage/datasets';
import { openDb, type CryptoForecastLabDB } from '../storage/db';
import type { CsvOpened, CsvParsed, FixesPreview } from '../../workers/csvSession';
import type { CsvWorkerApi } from '../../workers/csv.worker';
import { BUILTIN_NOTEBOOKS, fetchBuiltinNotebook } from './builtinNotebooks';
import { buildCsvNotebook, type CsvNotebook } from './csvNotebook';

export type { CsvOpened, CsvParsed, FixesPreview } from '../../workers/csvSession';
export type { AppliedFixes, CleaningFixes, CleaningIssue, IssueKind } from '../core/cleaning';

export interface CsvImportResult extends CsvNotebook {
  hash: string;
  rows: number;
}

export interface CsvImporter {
  /** Reads the file and returns its header, first rows and a suggested mapping. */
  open(file: File, onProgress: (message: string) => void): Promise<CsvOpened>;
  /** Parses every row with this mapping (output -> header), leaving out `exclude` headers. */
  parse(mapping: Record<string, string>, exclude: string[], onProgress: (message: string) => void): Promise<CsvParsed>;
  /** What these fixes would change (counts), or why they cannot be applied. */
  previewFixes(fixes: CleaningFixes): Promise<FixesPreview>;
  /** danfojs describe of the parsed columns (computed in the worker). */
  describe(): Promise<ColumnSummary[]>;
  /** Applies the fixes, stores the dataset (one transaction) and builds the notebook. */
  finish(fixes: CleaningFixes, onProgress: (message: string) => void): Promise<CsvImportResult>;
  /** Drops the file and stops the worker. */
  close(): void;
}

export interface CsvImportDeps {
  db?: CryptoForecastLabDB;
  /** The notebook whose cells the imported data gets; the built-in demo by default. */
  template?: () => Promise<NotebookDoc>;
  /** Tests pass a fake; the page starts the real worker. */
  createWorker?: () => Worker;
}

const defaultWorker = () => new Worker(new URL('../../workers/csv.worker.ts', import.meta.url), { type: 'module' });

function demoTemplate(): Promise<NotebookDoc> {
  const demo = BUILTIN_NOTEBOOKS.find((e) => e.id === 'demo');
  if (!demo?.url) throw new Error('the built-in demo notebook is missing: it is the template of imported notebooks');
  return fetchBuiltinNotebook({ ...demo, url: demo.url });
}

export function createCsvImporter(deps: CsvImportDeps = {}): CsvImporter {
  const db = deps.db ?? openDb();
  const template = deps.template ?? demoTemplate;
  let session: { worker: Worker; api: Comlink.Remote<CsvWorkerApi>; died: Promise<never> } | null = null;
  let opened: { name: string } | null = null;
  let parsed: CsvParsed | null = null;

  const stop = (): void => {
    session?.worker.terminate();
    session = null;
  };

  const start = () => {
    stop();
    const worker = (deps.createWorker ?? defaultWorker)();
    const died = new Promise<never>((_, reject) => {
      const fail = (what: string) => {
        if (session?.worker === worker) session = null;
        worker.terminate();
        reject(new Error(`the CSV worker stopped (${what}); choose the file again`));
      };
      worker.addEventListener('error', (e) => fail(e.message || 'error'));
      worker.addEventListener('messageerror', () => fail('a message could not be read'));
    });
    died.catch(() => undefined);
    session = { worker, api: Comlink.wrap<CsvWorkerApi>(worker), died };
    return session;
  };

  /**
   * Progress arrives on its own MessagePort, so a late message can overtake the call's result;
   * the callback is closed when the call settles, so a finished step never looks busy again.
   */
  const withProgress = async <T>(onProgress: (message: string) => void, run: (progress: (message: string) => void) => Promise<T>): Promise<T> => {
    let live = true;
    try {
      return await run(Comlink.proxy((message: string) => live && onProgress(message)));
    } finally {
      live = false;
    }
  };

  const call = async <T>(run: (api: Comlink.Remote<CsvWorkerApi>) => Promise<T>): Promise<T> => {
    if (!session) throw new Error('no CSV file is open: choose a file first');
    return Promise.race([run(session.api), session.died]);
  };

  return {
    async open(file, onProgress) {
      parsed = null;
      opened = null;
      onProgress(`reading ${file.name}`);
      const buffer = await file.arrayBuffer();
      const s = start();
      const result = await withProgress(onProgress, (progress) => Promise.race([s.api.open(Comlink.transfer(buffer, [buffer]), file.name, progress), s.died]));
      opened = { name: file.name };
      return result;
    },

    async parse(mapping, exclude, onProgress) {
      parsed = null;
      parsed = await withProgress(onProgress, (progress) => call((api) => api.parse(mapping, exclude, progress)));
      return parsed;
    },

    previewFixes: (fixes) => call<FixesPreview>((api) => api.previewFixes(fixes)),

    describe: () => call((api) => api.describe()),

    async finish(fixes, onProgress) {
      if (!opened || !parsed) throw new Error('the file is not parsed yet: apply a column mapping first');
      const { name } = opened;
      const mapping = parsed.mapping;
      const doc = await template();
      const finished = await withProgress(onProgress, (progress) => call((api) => api.finish(fixes, progress)));
      onProgress(`storing ${finished.frame.time.length} rows in this browser`);
      const source = { type: 'csv', name, hash: finished.hash, mapping, fixes };
      const meta = await saveFrame(db, finished.frame, source, { hash: finished.hash });
      if (meta.id !== finished.hash) throw new Error(`stored dataset id ${meta.id.slice(0, 12)}… differs from the worker's hash ${finished.hash.slice(0, 12)}…`);
      const notebook = buildCsvNotebook(doc, {
        name,
        hash: finished.hash,
        rows: finished.frame.time.length,
        mapping,
        fixes,
        applied: finished.applied,
        columns: Object.keys(finished.frame.columns),
      });
      return { ...notebook, hash: finished.hash, rows: finished.frame.time.length };
    },

    close() {
      opened = null;
      parsed = null;
      stop();
    },
  };
}
