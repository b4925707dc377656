/**
 * Coinbase Exchange candles (GET /products/{id}/candles): rows [time s, low, high, open, close,
 * volume] as numbers, newest first. At most 300 candles a request (a wider window is rejected,
 * and candles before `start` may come back), granularity one of 60, 300, 900, 3600, 21600, 86400,
 * and no candle at all for an interval without trades. We ask window by window of 300 bars, keep
 * only [start, end), and sort ascending. An unknown product is HTTP 404 {"message": "NotFound"}.
 */
import { z } from 'zod';
import type { RawSeries } from '../../core/cleaning';
import { fetchJson, HttpError, parseResponse } from '../http';
import { checkPageCap, checkRequest, finishSeries, formatTime, httpOptions, INTERVAL_MS, progress, readNumber } from './common';
import type { ConnectorDefinition, LoadContext, LoadRequest, LoadResult } from './types';
import { COINBASE_HOSTS } from '../../spec/dataSources/coinbase';

export const COINBASE_HOST = COINBASE_HOSTS[0];
export const COINBASE_LIMIT = 300;
const INTERVALS = ['1m', '5m', '15m', '1h', '6h', '1d'];

const candleSchema = z.tuple([z.number(), z.number(), z.number(), z.number(), z.number(), z.number()]);
const candlesSchema = z.array(candleSchema);
const messageSchema = z.object({ message: z.string() });

async function loadCoinbase(request: LoadRequest, ctx: LoadContext): Promise<LoadResult> {
  checkRequest('Coinbase', INTERVALS, request);
  const product = request.symbol.trim().toUpperCase();
  const stepMs = INTERVAL_MS[request.interval]!;
  const { start, end } = request;
  // A window of exactly 300 bar opens; `end` sent as the last open, so no request asks for 301.
  const firstOpen = Math.ceil(start / stepMs) * stepMs;
  const windowMs = COINBASE_LIMIT * stepMs;
  const byTime = new Map<number, z.infer<typeof candleSchema>>();
  const seen = new Set<number>();
  const windows = Math.max(1, Math.ceil((end - firstOpen) / windowMs));
  checkPageCap('Coinbase', windows, ctx, `the range needs ${windows.toLocaleString('en-US')} windows of ${COINBASE_LIMIT} bars; nothing was fetched`);
  for (let w = 0, from = firstOpen; from < end; w++, from += windowMs) {
    const to = Math.min(from + windowMs, end);
    progress(ctx, w / windows, `Coinbase ${product} ${request.interval}: window ${w + 1} of ${windows} from ${formatTime(from)}`);
    const lastOpen = Math.ceil(to / stepMs) * stepMs - stepMs;
    const url = `${COINBASE_HOST}/products/${encodeURIComponent(product)}/candles?granularity=${stepMs / 1000}&start=${iso(from)}&end=${iso(lastOpen)}`;
    let body: unknown;
    try {
      body = await fetchJson(url, httpOptions(ctx));
    } catch (error) {
      throw explain(error, product);
    }
    const candles = parseResponse(candlesSchema, body, 'Coinbase');
    // A window may bring back older candles too, but one with nothing new means the range was ignored.
    if (candles.length > 0 && candles.every((c) => seen.has(c[0]))) {
      throw new Error(`Coinbase window ${w + 1} (${formatTime(from)} to ${formatTime(to)}) does not advance: it sent only candles already received; stopping instead of going on`);
    }
    for (const candle of candles) {
      seen.add(candle[0]);
      const t = candle[0] * 1000;
      if (t >= start && t < end) byTime.set(t, candle);
    }
  }
  const rows = [...byTime.values()].sort((a, b) => a[0] - b[0]);
  progress(ctx, 1, `Coinbase ${product} ${request.interval}: ${rows.length} candles`);
  return finishSeries({
    id: 'coinbase',
    label: 'Coinbase',
    request: { ...request, symbol: product },
    raw: toRaw(rows),
    noun: 'candles',
    name: `${product} ${request.interval} (Coinbase)`,
    now: (ctx.now ?? Date.now)(),
  });
}

function iso(ms: number): string {
  return new Date(ms).toISOString();
}

function explain(error: unknown, product: string): unknown {
  if (!(error instanceof HttpError)) return error;
  const body = messageSchema.safeParse(error.body);
  if (error.status === 404) {
    return new Error(`Coinbase has no product "${product}": use BASE-QUOTE with a dash, e.g. BTC-USD or ETH-EUR`, { cause: error });
  }
  if (error.status === 400 && body.success) {
    return new Error(`Coinbase rejected the request for "${product}": ${body.data.message}`, { cause: error });
  }
  return error;
}

function toRaw(rows: z.infer<typeof candleSchema>[]): RawSeries {
  const n = rows.length;
  const time = new Float64Array(n);
  // Coinbase's column order is low, high, open, close, volume.
  const order = [['low', 1], ['high', 2], ['open', 3], ['close', 4], ['volume', 5]] as const;
  const columns: Record<string, Float64Array> = {};
  for (const [name] of order) columns[name] = new Float64Array(n);
  const nonNumeric: NonNullable<RawSeries['nonNumeric']> = [];
  rows.forEach((row, i) => {
    time[i] = row[0] * 1000;
    for (const [name, k] of order) columns[name]![i] = readNumber(row[k], i, name, nonNumeric);
  });
  return {
    time,
    columns: { open: columns.open!, high: columns.high!, low: columns.low!, close: columns.close!, volume: columns.volume! },
    nonNumeric,
  };
}

export const coinbase: ConnectorDefinition = {
  id: 'coinbase',
  label: 'Coinbase',
  kind: 'ohlcv',
  intervals: INTERVALS,
  symbolExample: 'BTC-USD',
  load: loadCoinbase,
};
