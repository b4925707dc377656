/**
 * A user notebook for an imported CSV: a template's cells (the demo's by default) with the data
 * cell pointing at the stored dataset by content hash. Pure: the caller fetches the template and
 * stores the result.
 */
import type { AppliedFixes, CleaningFixes } from '../core/cleaning';
import { parseNotebook } from '../notebook/parse';
import type { Cell, NotebookDoc } from '../notebook/schema';

export interface ImportedData {
  name: string;
  hash: string;
  rows: number;
  /** Output column -> header in the file. */
  mapping: Record<string, string>;
  fixes: CleaningFixes;
  applied: AppliedFixes;
  /** The stored frame's columns. */
  columns: string[];
}

export interface CsvNotebook {
  id: string;
  doc: NotebookDoc;
  /** What changed from the template, shown to the user and written into the notebook. */
  notes: string[];
}

/** Same data, same id: importing the same file with the same fixes again updates one notebook. */
export function csvNotebookId(hash: string): string {
  return `csv-${hash.slice(0, 16)}`;
}

const FIXES_IN_SCHEMA = ['sort', 'dropDuplicates', 'dropBadTime'] as const;

function columnsOf(feature: { column?: string | undefined; columns?: Record<string, string> | undefined }): string[] {
  return [...(feature.column ? [feature.column] : []), ...Object.values(feature.columns ?? {})];
}

/** Drops template features that read a column the imported data does not have, and says so. */
function fitFeatures(cell: Cell, columns: Set<string>, notes: string[]): Cell {
  if (cell.kind !== 'features') return cell;
  const kept = cell.features.filter((feature) => {
    const missing = columnsOf(feature).filter((c) => !columns.has(c));
    if (missing.length > 0) notes.push(`feature ${feature.name} on ${missing.join(', ')} removed: the CSV has no such column`);
    return missing.length === 0;
  });
  return { ...cell, features: kept };
}

function summary(data: ImportedData): string {
  const a = data.applied;
  const done = [
    a.badTimeDropped ? `${a.badTimeDropped} rows with an unparseable time dropped` : '',
    a.sortedRows ? `${a.sortedRows} unsorted rows put in time order` : '',
    a.duplicatesDropped ? `${a.duplicatesDropped} duplicate rows dropped (kept ${data.fixes.dropDuplicates})` : '',
    a.barsInserted ? `${a.barsInserted} bars forward-filled in ${a.gapsFilled} gaps` : '',
    a.gapsLeft ? `${a.gapsLeft} gaps left as they are` : '',
    a.outliersMarked ? `${a.outliersMarked} outlier bars marked in the outlier column` : '',
    a.valuesCleared ? `${a.valuesCleared} cells that are not prices or not finite set to missing` : '',
  ].filter(Boolean);
  return done.length > 0 ? done.join('; ') : 'no rows changed';
}

/**
 * Builds the notebook. Fixes the notebook format cannot record yet are left out of the data cell
 * and written into the intro instead: the content hash still pins the exact data.
 */
export function buildCsvNotebook(template: NotebookDoc, data: ImportedData): CsvNotebook {
  const notes: string[] = [];
  const columns = new Set(data.columns);
  if (!template.cells.some((c) => c.kind === 'data')) throw new Error(`the template notebook "${template.title}" has no data cell`);
  const source = { type: 'csv' as const, name: data.name, hash: data.hash, mapping: data.mapping, fixes: data.fixes };
  const cellsWith = (fixes: Record<string, unknown>): unknown[] =>
    template.cells.map((cell) => {
      if (cell.kind === 'data') return { id: cell.id, kind: 'data', source: { ...source, fixes } };
      return fitFeatures(cell, columns, notes);
    });
  const intro = (extra: string[]): unknown => ({
    id: 'intro',
    kind: 'markdown',
    text: [
      `# ${data.name}`,
      '',
      `Imported from a CSV file: ${data.rows} rows, content hash \`${data.hash.slice(0, 12)}…\`. Cleaning: ${summary(data)}.`,
      '',
      `The cells below are those of "${template.title}". The data lives in this browser only: to open this notebook elsewhere, import the same file with the same fixes.`,
      ...extra.map((n) => `\n- ${n}`),
    ].join('\n'),
  });
  const assemble = (fixes: Record<string, unknown>, extra: string[]): unknown => {
    notes.length = 0;
    const cells = cellsWith(fixes).filter((c) => (c as { id: string }).id !== 'intro');
    const allNotes = [...notes, ...extra];
    return { ...template, title: `${data.name}: ${template.title.replace(/^Demo:\s*/i, '')}`, cells: [intro(allNotes), ...cells] };
  };

  try {
    const doc = parseNotebook(assemble({ ...data.fixes }, []));
    return { id: csvNotebookId(data.hash), doc, notes: [...notes] };
  } catch {
    // The notebook format (v1) records sort, dropDuplicates and dropBadTime only.
    const known = Object.fromEntries(FIXES_IN_SCHEMA.flatMap((k) => (data.fixes[k] === undefined ? [] : [[k, data.fixes[k]]])));
    const unrecorded = Object.keys(data.fixes).filter((k) => !(FIXES_IN_SCHEMA as readonly string[]).includes(k));
    const extra = unrecorded.map((k) => `fix ${k} = ${JSON.stringify(data.fixes[k as keyof CleaningFixes])} was applied at import; the notebook format does not record it yet`);
    const doc = parseNotebook(assemble(known, extra));
    return { id: csvNotebookId(data.hash), doc, notes: [...notes, ...extra] };
  }
}
