/** What every connector shares: interval names, request checks, and turning rows into a Frame plus its report. */
import { applyFixes, buildCleaningReport, type CleaningReport, type RawSeries } from '../../core/cleaning';
import { parseDecimal } from '../cells';
import type { FetchJsonOptions } from '../http';
import type { LoadContext, LoadRequest, LoadResult } from './types';

export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;

/** Fixed bar lengths; `1M` (calendar month) has none and maps to 0, the Frame's "unknown". */
export const INTERVAL_MS: Readonly<Record<string, number>> = {
  '1m': MINUTE, '3m': 3 * MINUTE, '5m': 5 * MINUTE, '15m': 15 * MINUTE, '30m': 30 * MINUTE,
  '1h': HOUR, '2h': 2 * HOUR, '4h': 4 * HOUR, '6h': 6 * HOUR, '8h': 8 * HOUR, '12h': 12 * HOUR,
  '1d': DAY, '3d': 3 * DAY, '1w': 7 * DAY, '15d': 15 * DAY, '1M': 0,
};

/** The longest month: gap checks on monthly bars then flag a missing month, never a 31-day one. */
const MONTH_FOR_GAPS = 31 * DAY;

/** Pages one load fetches at most, unless the context says otherwise (5,000 pages of 1,000 1m bars is 9.5 years). */
export const MAX_PAGES = 5_000;

/** Throws before page `page` (1-based) when it would pass the context's page cap. */
export function checkPageCap(label: string, page: number, ctx: LoadContext, reached: string): void {
  const cap = ctx.maxPages ?? MAX_PAGES;
  if (page > cap) {
    throw new Error(`${label}: the cap of ${cap.toLocaleString('en-US')} pages a load is reached (${reached}): ask for a shorter range or a longer interval`);
  }
}

/** A range where the source has no data at all; the cache tells it apart from real failures by name. */
export class EmptyRangeError extends Error {
  override readonly name = 'EmptyRangeError';
}

export function formatTime(ms: number): string {
  const iso = new Date(ms).toISOString();
  return ms % DAY === 0 ? iso.slice(0, 10) : `${iso.slice(0, 16).replace('T', ' ')} UTC`;
}

export function checkRequest(label: string, intervals: readonly string[], request: LoadRequest): void {
  if (request.symbol.trim() === '') throw new Error(`${label}: the symbol is empty`);
  if (!intervals.includes(request.interval)) {
    throw new Error(`${label} has no interval "${request.interval}"; choose one of ${intervals.join(', ')}`);
  }
  if (!Number.isFinite(request.start) || !Number.isFinite(request.end) || request.start >= request.end) {
    throw new Error(`${label}: the range must have start < end (UTC ms), got ${request.start} .. ${request.end}`);
  }
}

/** fetchJson options from the connector context, leaving out what is not set (exactOptionalPropertyTypes). */
export function httpOptions(ctx: LoadContext): FetchJsonOptions {
  const options: FetchJsonOptions = { ...ctx.http };
  if (ctx.fetch) options.fetch = ctx.fetch;
  if (ctx.signal) options.signal = ctx.signal;
  if (ctx.sleep) options.sleep = ctx.sleep;
  if (ctx.now) options.now = ctx.now;
  return options;
}

export function progress(ctx: LoadContext, fraction: number, message: string): void {
  ctx.onProgress?.(Math.min(1, Math.max(0, fraction)), message);
}

/** A number from an API cell that may be a string ("42.5") or a number; NaN (and a nonNumeric note) otherwise. */
export function readNumber(cell: string | number | null | undefined, row: number, column: string, nonNumeric: NonNullable<RawSeries['nonNumeric']>): number {
  if (cell === null || cell === undefined || cell === '') return NaN;
  const value = typeof cell === 'number' ? cell : parseDecimal(cell);
  if (Number.isFinite(value)) return value;
  nonNumeric.push({ row, column, text: String(cell) });
  return NaN;
}

export interface FinishOptions {
  id: string;
  label: string;
  request: LoadRequest;
  raw: RawSeries;
  /** 'candles' or 'values', for the empty-range message. */
  noun: string;
  name: string;
  now: number;
  /** Why the data may start after the asked start (Kraken's 720-bar limit). */
  leadingReason?: string;
}

/**
 * Rows (already limited to [start, end)) -> Frame + report. Gaps, NaN and non-numeric cells are
 * reported, never filled. Unsorted or repeated times, which a Frame cannot hold, are sorted and
 * de-duplicated (keeping the last) and said so in the warnings; the report still lists them.
 */
export function finishSeries(o: FinishOptions): LoadResult {
  const { request, raw } = o;
  const rows = raw.time.length;
  if (rows === 0) {
    throw new EmptyRangeError(
      `${o.label} returned no ${o.noun} for ${request.symbol} ${request.interval} between ${formatTime(request.start)} and ${formatTime(request.end)}: check the symbol and range`,
    );
  }
  const intervalMs = INTERVAL_MS[request.interval] ?? 0;
  const gapMs = intervalMs > 0 ? intervalMs : MONTH_FOR_GAPS;
  const report = buildCleaningReport(raw, { intervalMs: gapMs });
  const warnings: string[] = [];
  let { time, columns } = raw;
  const { unsorted, duplicate, price } = report.counts;
  const badTime = report.counts['bad-time'];
  const infinite = report.issues.some((i) => i.kind === 'non-numeric' && / is -?Infinity,/.test(i.message));
  if (unsorted > 0 || duplicate > 0 || badTime > 0 || price > 0 || infinite) {
    const fixed = applyFixes(raw, report, { sort: true, dropDuplicates: 'last', dropBadTime: true });
    if (unsorted > 0 || duplicate > 0 || badTime > 0) {
      warnings.push(`${o.label} sent ${unsorted} out-of-order, ${duplicate} repeated and ${badTime} unreadable times: sorted, kept the last of each repeat (see the cleaning report)`);
    }
    const cleared = fixed.applied.valuesCleared;
    if (cleared > 0) warnings.push(`${o.label} sent ${cleared} ${cleared === 1 ? 'value that is' : 'values that are'} not a price or not finite: read as missing (see the cleaning report)`);
    ({ time, columns } = fixed);
  }
  addRangeEdges(report, time, { ...o, gapMs, warnings });
  return {
    frame: { time, columns, meta: { name: o.name, intervalMs, synthetic: false, source: o.id } },
    report,
    warnings,
  };
}

function addRangeEdges(report: CleaningReport, time: Float64Array, o: FinishOptions & { gapMs: number; warnings: string[] }): void {
  const first = time[0]!;
  const last = time[time.length - 1]!;
  const { start, end } = o.request;
  const before = Math.floor((first - start) / o.gapMs);
  if (before > 0) {
    const why = o.leadingReason ?? `${o.label} has no earlier data for ${o.request.symbol}`;
    const message = `${before} bar${before === 1 ? '' : 's'} missing between the asked start ${formatTime(start)} and the first bar ${formatTime(first)}: ${why}`;
    report.issues.unshift({ kind: 'gap', row: 0, message: `row 0: ${message}` });
    report.counts.gap++;
    o.warnings.push(message);
  }
  const limit = Math.min(end, o.now);
  const after = Math.ceil((limit - last) / o.gapMs) - 1;
  if (after > 0) {
    const row = time.length - 1;
    const message = `${after} bar${after === 1 ? '' : 's'} missing between the last bar ${formatTime(last)} and the asked end ${formatTime(limit)}`;
    report.issues.push({ kind: 'gap', row, message: `row ${row}: ${message}` });
    report.counts.gap++;
    o.warnings.push(message);
  }
  if (last + o.gapMs > o.now && last <= o.now) {
    o.warnings.push(`the last bar (${formatTime(last)}) is still forming: its values will change until ${formatTime(last + o.gapMs)}`);
  }
}
