import { buildCleaningReport, type CleaningFixes } from '../core/cleaning';
import type { Frame } from '../core/frame';
import { hashFrame } from '../core/hash';
import { loadCsv } from './csv';
import { generateDemoMarket } from './demo';

/** The data-source part of a notebook's data cell (structurally the notebook schema's type). */
export type SourceSpec =
  | { type: 'demo'; seed: number; bars: number; start?: string | undefined }
  | {
      type: 'csv';
      name: string;
      path?: string | undefined;
      hash?: string | undefined;
      mapping?: Record<string, string> | undefined;
      fixes?: { [K in keyof CleaningFixes]?: CleaningFixes[K] | undefined } | undefined;
    };

export interface SourceResult {
  frame: Frame;
  hash: string;
  cleaning: Record<string, number>;
}

/** Reads a CSV source's text: from disk in the CLI, from the user's file in the page. */
export type ReadCsvText = (spec: Extract<SourceSpec, { type: 'csv' }>) => Promise<string>;

function definedFixes(fixes: Extract<SourceSpec, { type: 'csv' }>['fixes']): CleaningFixes {
  const out: CleaningFixes = {};
  if (fixes?.sort !== undefined) out.sort = fixes.sort;
  if (fixes?.dropDuplicates !== undefined) out.dropDuplicates = fixes.dropDuplicates;
  if (fixes?.dropBadTime !== undefined) out.dropBadTime = fixes.dropBadTime;
  return out;
}

export async function loadSource(spec: SourceSpec, readCsvText: ReadCsvText): Promise<SourceResult> {
  if (spec.type === 'demo') {
    const frame = generateDemoMarket(spec);
    const report = buildCleaningReport({ time: frame.time, columns: frame.columns });
    return { frame, hash: hashFrame(frame), cleaning: report.counts };
  }
  const text = await readCsvText(spec);
  const { frame, report } = loadCsv(text, { name: spec.name, mapping: spec.mapping, fixes: definedFixes(spec.fixes) });
  const hash = hashFrame(frame);
  if (spec.hash && spec.hash !== hash) {
    throw new Error(`${spec.name}: the file's content hash ${hash.slice(0, 12)}... differs from the notebook's ${spec.hash.slice(0, 12)}...; this is not the data the notebook was made with`);
  }
  return { frame, hash, cleaning: report.counts };
}
