import { alignOnchain } from '../core/align';
import { buildCleaningReport, SPIKE_RATIO, type CleaningFixes, type CleaningReport } from '../core/cleaning';
import type { Frame } from '../core/frame';
import { hashFrame } from '../core/hash';
import { rowReadingFixes, type CleaningCheck } from '../core/leakage';
import { resampleOhlcv } from '../core/resample';
import { connectorById, type ConnectorDefinition, type LoadRequest, type LoadResult } from './connectors/registry';
import { loadCsv, loadCsvStream } from './csv';
import { generateDemoMarket } from './demo';
import type { ConnectorSourceSpec, DataSourceSpec } from '../spec';

/** A connector source (exchange candles or an on-chain series over a UTC date range), as declared in src/spec. */
export type ConnectorSpec = ConnectorSourceSpec;

/** The data-source part of a notebook's data cell, as declared in src/spec. */
export type SourceSpec = DataSourceSpec;

export interface DataCellSpec {
  source: SourceSpec;
  onchain?: { source: ConnectorSpec; publicationLagBars: number; maxForwardFill: number } | undefined;
  resample?: string | undefined;
}

export interface SourceResult {
  frame: Frame;
  hash: string;
  cleaning: Record<string, number>;
  /** What the user should read about this data: limits hit, bars still forming, forward fills, attribution. */
  notes: string[];
  /** The cleaning step's look-ahead check, recorded in the run report like the features' check. */
  cleaningLookAhead: CleaningCheck;
}

/** How sources reach the outside: the CLI reads files and calls APIs directly; the page adds a cache. */
export interface SourceIo {
  /** The file's text, or better a stream of its chunks (read with size limits, never whole). */
  readCsvText(spec: Extract<SourceSpec, { type: 'csv' }>): Promise<string | AsyncIterable<string | Uint8Array>>;
  loadConnector?(connector: ConnectorDefinition, request: LoadRequest): Promise<LoadResult>;
  /** A frame already stored under its content hash (the page's imported CSVs). */
  storedFrame?(hash: string): Promise<Frame | null>;
}

const UNIT_MS: Record<string, number> = { m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000 };

export function intervalMs(interval: string): number {
  const match = /^(\d+)([mhdw])$/.exec(interval);
  if (!match) throw new Error(`interval "${interval}" is not like 5m, 1h, 4h or 1d`);
  return Number(match[1]) * UNIT_MS[match[2]!]!;
}

function parseDate(text: string, what: string): number {
  const ms = Date.parse(/^\d{4}-\d{2}-\d{2}$/.test(text) ? `${text}T00:00:00Z` : text);
  if (Number.isNaN(ms)) throw new Error(`${what} "${text}" is not an ISO date`);
  return ms;
}

function definedFixes(fixes: Extract<SourceSpec, { type: 'csv' }>['fixes']): CleaningFixes {
  const out: CleaningFixes = {};
  for (const [key, value] of Object.entries(fixes ?? {})) if (value !== undefined) Object.assign(out, { [key]: value });
  return out;
}

/** The report's flags that change or question the data, as notes a run report keeps. */
export function flaggedNotes(report: CleaningReport): string[] {
  const notes: string[] = [];
  const say = (kind: 'price' | 'spike', what: string) => {
    const count = report.counts[kind];
    const first = report.issues.find((i) => i.kind === kind);
    if (count > 0 && first) notes.push(`cleaning: ${count} ${what} (first: ${first.message})`);
  };
  say('price', 'cell(s) that are not prices (zero, negative or absurd), read as missing');
  say('spike', `close spike(s) of ${SPIKE_RATIO}x or more in one step`);
  return notes;
}

interface Loaded {
  frame: Frame;
  report: CleaningReport;
  notes: string[];
  cleaningLookAhead?: CleaningCheck;
}

const NO_ROW_READING_FIX: CleaningCheck = { fixes: [], cuts: [], note: 'no chosen cleaning fix reads other rows' };

async function loadFromConnector(spec: ConnectorSpec, io: SourceIo): Promise<Loaded> {
  const connector = connectorById(spec.type);
  const request: LoadRequest = {
    symbol: spec.symbol,
    interval: spec.interval,
    start: parseDate(spec.start, `${connector.label} start`),
    end: parseDate(spec.end, `${connector.label} end`),
    ...(spec.metrics ? { metrics: spec.metrics } : {}),
  };
  if (!(request.end > request.start)) throw new Error(`${connector.label}: end ${spec.end} must be after start ${spec.start}`);
  const result = io.loadConnector ? await io.loadConnector(connector, request) : await connector.load(request, {});
  const notes = [...result.warnings, ...flaggedNotes(result.report)];
  if (connector.maxRowsNote) notes.push(connector.maxRowsNote);
  if (connector.attribution) notes.push(connector.attribution);
  return { frame: result.frame, report: result.report, notes };
}

async function loadOne(spec: SourceSpec, io: SourceIo): Promise<Loaded> {
  if (spec.type === 'demo') {
    const frame = generateDemoMarket(spec);
    return { frame, report: buildCleaningReport({ time: frame.time, columns: frame.columns }), notes: ['synthetic data: not a market'] };
  }
  if (spec.type === 'csv') {
    const csv = spec;
    const stored = csv.hash && io.storedFrame ? await io.storedFrame(csv.hash) : null;
    if (stored) {
      // Cleaned (and its look-ahead checked) when the file was imported; the raw rows are not kept.
      const cleaningLookAhead = { fixes: rowReadingFixes(definedFixes(csv.fixes)), cuts: [], note: 'cleaned and checked when the CSV was imported' };
      return { frame: stored, report: buildCleaningReport({ time: stored.time, columns: stored.columns }), notes: [], cleaningLookAhead };
    }
    const source = await io.readCsvText(csv);
    const options = { name: csv.name, mapping: csv.mapping, fixes: definedFixes(csv.fixes) };
    const { frame, report, notes, cleaningLookAhead } = typeof source === 'string' ? loadCsv(source, options) : await loadCsvStream(source, options);
    return { frame, report, notes: [...notes, ...flaggedNotes(report)], cleaningLookAhead };
  }
  return loadFromConnector(spec, io);
}

/** Loads a data cell: its source, resampled if asked, with an on-chain series aligned onto its bars. */
export async function loadDataCell(cell: DataCellSpec, io: SourceIo): Promise<SourceResult> {
  const main = await loadOne(cell.source, io);
  let frame = main.frame;
  const notes = [...main.notes];
  if (cell.resample) {
    const resampled = resampleOhlcv(frame, intervalMs(cell.resample));
    frame = resampled.frame;
    if (resampled.partialLast) notes.push(`the last ${cell.resample} bar is incomplete (its source bars are not all in yet)`);
    if (resampled.partialFirst) notes.push(`the first ${cell.resample} bar is incomplete`);
  }
  if (cell.onchain) {
    const onchain = await loadFromConnector(cell.onchain.source, io);
    notes.push(...onchain.notes);
    const aligned = alignOnchain(frame, onchain.frame, { publicationLagBars: cell.onchain.publicationLagBars, maxForwardFill: cell.onchain.maxForwardFill });
    frame = aligned.frame;
    for (const s of aligned.stats) {
      notes.push(`${s.column}: shifted ${cell.onchain.publicationLagBars} bar(s) for publication; ${s.filled} value(s) forward-filled (limit ${cell.onchain.maxForwardFill}), ${s.missing} missing`);
    }
  }
  const hash = hashFrame(frame);
  const csv = cell.source.type === 'csv' ? cell.source : null;
  if (csv?.hash && csv.hash !== hash && !cell.resample && !cell.onchain) {
    throw new Error(`${csv.name}: the file's content hash ${hash.slice(0, 12)}... differs from the notebook's ${csv.hash.slice(0, 12)}...; this is not the data the notebook was made with`);
  }
  return { frame, hash, cleaning: main.report.counts, notes, cleaningLookAhead: main.cleaningLookAhead ?? NO_ROW_READING_FIX };
}
