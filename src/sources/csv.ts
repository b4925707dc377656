import type { Frame } from '../core/frame';
import { applyFixes, buildCleaningReport, type CleaningFixes, type CleaningReport, type RawSeries } from '../core/cleaning';
import { tokenizeCsv } from './csvParse';

export type CsvRole = 'time' | 'open' | 'high' | 'low' | 'close' | 'volume';

export interface CsvOptions {
  name: string;
  /** Role or output column name -> header in the file. Unmapped roles are found by common names. */
  mapping?: Record<string, string> | undefined;
  fixes?: CleaningFixes | undefined;
}

export interface CsvLoadResult {
  frame: Frame;
  report: CleaningReport;
  /** Output column -> header it came from. */
  mapping: Record<string, string>;
}

const ROLE_ALIASES: Record<CsvRole, string[]> = {
  time: ['time', 'date', 'timestamp', 'datetime', 'open_time', 'opentime', 'unix', 'time_period_start'],
  open: ['open', 'o'],
  high: ['high', 'h'],
  low: ['low', 'l'],
  close: ['close', 'c', 'price', 'priceusd', 'adj close', 'close_price'],
  volume: ['volume', 'vol', 'v', 'volume_base'],
};

export function looksBinary(text: string): boolean {
  const sample = text.slice(0, 8192);
  let suspicious = 0;
  for (let i = 0; i < sample.length; i++) {
    const code = sample.charCodeAt(i);
    if (code === 0) return true;
    if (code === 0xfffd || (code < 32 && code !== 9 && code !== 10 && code !== 13)) suspicious++;
  }
  return sample.length > 0 && suspicious / sample.length > 0.05;
}

/** UTC ms from ISO text (a missing zone means UTC) or an epoch number in s, ms or µs. */
export function parseTimeCell(text: string): number {
  const cell = text.trim();
  if (cell === '') return NaN;
  if (/^-?\d+(\.\d+)?$/.test(cell)) {
    const value = Number(cell);
    if (Math.abs(value) < 1e11) return value * 1000;
    if (Math.abs(value) < 1e14) return value;
    return value / 1000;
  }
  const dateOnly = /^\d{4}-\d{2}-\d{2}$/.test(cell);
  const hasZone = /(Z|[+-]\d{2}:?\d{2})$/i.test(cell);
  const iso = dateOnly ? `${cell}T00:00:00Z` : hasZone ? cell : `${cell.replace(' ', 'T')}Z`;
  return Date.parse(iso);
}

function resolveMapping(headers: string[], given: Record<string, string> | undefined): Record<string, string> {
  const mapping: Record<string, string> = {};
  const lower = headers.map((h) => h.trim().toLowerCase());
  for (const [output, header] of Object.entries(given ?? {})) {
    if (!headers.includes(header)) {
      throw new Error(`CSV mapping: ${output} -> "${header}", but the file has no such column; columns: ${headers.join(', ')}`);
    }
    mapping[output] = header;
  }
  const used = new Set(Object.values(mapping));
  for (const role of Object.keys(ROLE_ALIASES) as CsvRole[]) {
    if (mapping[role]) continue;
    const index = lower.findIndex((h, i) => ROLE_ALIASES[role].includes(h) && !used.has(headers[i]!));
    if (index >= 0) {
      mapping[role] = headers[index]!;
      used.add(headers[index]!);
    }
  }
  for (const header of headers) {
    if (!used.has(header) && header.trim() !== '') mapping[header.trim()] = header;
  }
  for (const required of ['time', 'close'] as const) {
    if (!mapping[required]) {
      throw new Error(`CSV has no ${required} column (found: ${headers.join(', ')}); map one, e.g. mapping.${required} = "<header>"`);
    }
  }
  return mapping;
}

/** Parses CSV text into a raw series plus the cleaning report; nothing is dropped here. */
export function parseCsvSeries(text: string, options: CsvOptions): { raw: RawSeries; report: CleaningReport; mapping: Record<string, string> } {
  if (text.trim() === '') throw new Error(`${options.name}: the file is empty`);
  if (looksBinary(text)) throw new Error(`${options.name}: this is not a text CSV file (it contains binary data)`);
  const records = tokenizeCsv(text);
  const header = records[0];
  if (!header || records.length < 2) throw new Error(`${options.name}: a header row and at least one data row are needed`);
  const headers = header.fields.map((h) => h.trim());
  const mapping = resolveMapping(headers, options.mapping);
  const indexOf = (h: string) => headers.indexOf(h);

  const rows = records.length - 1;
  const time = new Float64Array(rows);
  const lines = new Int32Array(rows);
  const outputs = Object.keys(mapping).filter((k) => k !== 'time');
  const columns: Record<string, Float64Array> = Object.fromEntries(outputs.map((k) => [k, new Float64Array(rows)]));
  const nonNumeric: NonNullable<RawSeries['nonNumeric']> = [];
  const timeIndex = indexOf(mapping.time!);

  for (let r = 0; r < rows; r++) {
    const record = records[r + 1]!;
    lines[r] = record.line;
    if (record.fields.length !== headers.length) {
      throw new Error(`CSV line ${record.line}: ${record.fields.length} fields, the header has ${headers.length}`);
    }
    time[r] = parseTimeCell(record.fields[timeIndex] ?? '');
    for (const output of outputs) {
      const cell = (record.fields[indexOf(mapping[output]!)] ?? '').trim();
      const value = cell === '' ? NaN : Number(cell);
      if (cell !== '' && !Number.isFinite(value)) nonNumeric.push({ row: r, column: output, text: cell });
      columns[output]![r] = Number.isFinite(value) ? value : NaN;
    }
  }
  const raw: RawSeries = { time, columns, lines, nonNumeric };
  return { raw, report: buildCleaningReport(raw), mapping };
}

/** Parses and applies the fixes the user chose; throws a specific error when a problem remains unfixed. */
export function loadCsv(text: string, options: CsvOptions): CsvLoadResult {
  const { raw, report, mapping } = parseCsvSeries(text, options);
  const fixed = applyFixes(raw, report, options.fixes ?? {});
  return {
    frame: {
      time: fixed.time,
      columns: fixed.columns,
      meta: { name: options.name, intervalMs: report.intervalMs, synthetic: false, source: 'csv' },
    },
    report,
    mapping,
  };
}
