/**
 * Kraken OHLC (GET /0/public/OHLC?pair=&interval=minutes&since=s): {error: [], result: {<pair>:
 * [[time s, open, high, low, close, vwap, volume, count]], last}}, prices as strings. It returns at
 * most the 720 most recent bars whatever `since` says, and the last bar is the one still forming.
 * Errors come in the `error` array, usually with HTTP 200 ("EQuery:Unknown asset pair"). The
 * result key is Kraken's own pair name (XBTUSD -> XXBTZUSD), so we take the one key besides `last`.
 */
import { z } from 'zod';
import type { RawSeries } from '../../core/cleaning';
import { fetchJson, HttpError, parseResponse } from '../http';
import { checkRequest, finishSeries, formatTime, httpOptions, INTERVAL_MS, progress, readNumber } from './common';
import type { ConnectorDefinition, LoadContext, LoadRequest, LoadResult } from './types';
import { KRAKEN_HOSTS } from '../../spec/dataSources/kraken';

export const KRAKEN_HOST = KRAKEN_HOSTS[0];
export const KRAKEN_MAX_ROWS = 720;
const INTERVALS = ['1m', '5m', '15m', '30m', '1h', '4h', '1d', '1w', '15d'];

const cell = z.union([z.string(), z.number()]);
const rowSchema = z.tuple([z.number(), cell, cell, cell, cell, cell, cell, z.number()]);
const responseSchema = z.object({
  error: z.array(z.string()),
  result: z.record(z.string(), z.unknown()).optional(),
});

async function loadKraken(request: LoadRequest, ctx: LoadContext): Promise<LoadResult> {
  checkRequest('Kraken', INTERVALS, request);
  const pair = request.symbol.trim().toUpperCase();
  const stepMs = INTERVAL_MS[request.interval]!;
  const { start, end } = request;
  progress(ctx, 0, `Kraken ${pair} ${request.interval}: one request (Kraken keeps ${KRAKEN_MAX_ROWS} bars)`);
  // `since` is exclusive: one second earlier keeps the bar opening exactly at `start`.
  const url = `${KRAKEN_HOST}/0/public/OHLC?pair=${encodeURIComponent(pair)}&interval=${stepMs / 60_000}&since=${Math.floor(start / 1000) - 1}`;
  let body: unknown;
  try {
    body = await fetchJson(url, httpOptions(ctx));
  } catch (error) {
    // Kraken may also send its {error: [...]} envelope with an HTTP error status.
    if (!(error instanceof HttpError) || !responseSchema.safeParse(error.body).success) throw error;
    body = error.body;
  }
  const parsed = parseResponse(responseSchema, body, 'Kraken');
  if (parsed.error.length > 0) {
    const text = parsed.error.join('; ');
    if (/unknown asset pair/i.test(text)) {
      throw new Error(`Kraken does not know the pair "${pair}": use Kraken's names, e.g. XBTUSD or ETHEUR (${text})`);
    }
    throw new Error(`Kraken refused the request for ${pair}: ${text}`);
  }
  const keys = Object.keys(parsed.result ?? {}).filter((k) => k !== 'last');
  const key = keys[0];
  if (key === undefined || keys.length > 1) {
    throw new Error(`Kraken sent a response in an unexpected shape: expected one pair in result, got [${keys.join(', ')}]`);
  }
  const all = parseResponse(z.array(rowSchema), parsed.result![key], 'Kraken');
  const rows = all.filter((row) => row[0] * 1000 >= start && row[0] * 1000 < end);
  const first = all[0];
  const truncated = first !== undefined && first[0] * 1000 > start && all.length >= KRAKEN_MAX_ROWS;
  progress(ctx, 1, `Kraken ${pair} ${request.interval}: ${rows.length} candles`);
  const options = {
    id: 'kraken',
    label: 'Kraken',
    request: { ...request, symbol: pair },
    raw: toRaw(rows),
    noun: 'candles',
    name: `${pair} ${request.interval} (Kraken)`,
    now: (ctx.now ?? Date.now)(),
  };
  if (!truncated) return finishSeries(options);
  const reason = `Kraken returns at most the ${KRAKEN_MAX_ROWS} most recent bars, which start at ${formatTime(first[0] * 1000)}; use Binance or Coinbase, or a CSV, for older data`;
  try {
    return finishSeries({ ...options, leadingReason: reason });
  } catch (error) {
    throw error instanceof Error ? new Error(`${error.message}. ${reason}`, { cause: error }) : error;
  }
}

function toRaw(rows: z.infer<typeof rowSchema>[]): RawSeries {
  const n = rows.length;
  const time = new Float64Array(n);
  const names = ['open', 'high', 'low', 'close'] as const;
  const columns: Record<string, Float64Array> = {};
  for (const name of [...names, 'volume']) columns[name] = new Float64Array(n);
  const nonNumeric: NonNullable<RawSeries['nonNumeric']> = [];
  rows.forEach((row, i) => {
    time[i] = row[0] * 1000;
    names.forEach((name, k) => {
      columns[name]![i] = readNumber(row[k + 1] as string | number, i, name, nonNumeric);
    });
    // row[5] is the VWAP; volume is row[6].
    columns.volume![i] = readNumber(row[6], i, 'volume', nonNumeric);
  });
  return { time, columns, nonNumeric };
}

export const kraken: ConnectorDefinition = {
  id: 'kraken',
  label: 'Kraken',
  kind: 'ohlcv',
  intervals: INTERVALS,
  symbolExample: 'XBTUSD',
  maxRowsNote: 'Kraken returns at most the 720 most recent bars',
  load: loadKraken,
};
