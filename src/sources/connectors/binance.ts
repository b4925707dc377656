/**
 * Binance spot klines (GET /api/v3/klines): rows [open time ms, open, high, low, close, volume,
 * close time, quote volume, trades, taker base, taker quote, ignore], prices as strings, oldest
 * first, at most 1000 a request, startTime and endTime inclusive. We page by startTime from the
 * last open time + 1 ms. An unknown symbol is HTTP 400 {code: -1121, msg: "Invalid symbol."}.
 * api.binance.com answers 451 in some regions; data-api.binance.vision serves the same public
 * market data, so a 451 or network failure moves on to the next host.
 */
import { z } from 'zod';
import type { RawSeries } from '../../core/cleaning';
import { fetchJson, HttpError, parseResponse } from '../http';
import { checkPageCap, checkRequest, finishSeries, formatTime, httpOptions, progress, readNumber } from './common';
import type { ConnectorDefinition, LoadContext, LoadRequest, LoadResult } from './types';
import { BINANCE_HOSTS } from '../../spec/dataSources/binance';

export { BINANCE_HOSTS };
export const BINANCE_LIMIT = 1000;
const INTERVALS = ['1m', '3m', '5m', '15m', '30m', '1h', '2h', '4h', '6h', '8h', '12h', '1d', '3d', '1w', '1M'];

const cell = z.union([z.string(), z.number()]);
const klineSchema = z.tuple([z.number(), cell, cell, cell, cell, cell, z.number()], cell);
const klinesSchema = z.array(klineSchema);
const errorSchema = z.object({ code: z.number(), msg: z.string() });

export interface BinanceOptions {
  /** Tried in order; the first that answers is used for every page. */
  hosts?: readonly string[];
}

export function createBinanceConnector(options: BinanceOptions = {}): ConnectorDefinition {
  const hosts = options.hosts ?? BINANCE_HOSTS;
  return {
    id: 'binance',
    label: 'Binance',
    kind: 'ohlcv',
    intervals: INTERVALS,
    symbolExample: 'BTCUSDT',
    load: (request, ctx) => loadBinance(hosts, request, ctx),
  };
}

async function loadBinance(hosts: readonly string[], request: LoadRequest, ctx: LoadContext): Promise<LoadResult> {
  checkRequest('Binance', INTERVALS, request);
  const symbol = request.symbol.trim().toUpperCase();
  const { start, end, interval } = request;
  const rows: z.infer<typeof klineSchema>[] = [];
  let hostIndex = 0;
  let cursor = start;
  for (let page = 0; cursor < end; page++) {
    checkPageCap('Binance', page + 1, ctx, `${rows.length} candles up to ${formatTime(cursor)}`);
    progress(ctx, (cursor - start) / (end - start), `Binance ${symbol} ${interval}: page ${page + 1} from ${formatTime(cursor)}`);
    const query = `symbol=${encodeURIComponent(symbol)}&interval=${interval}&startTime=${cursor}&endTime=${end - 1}&limit=${BINANCE_LIMIT}`;
    const { body, index } = await fetchWithFallback(hosts, hostIndex, `/api/v3/klines?${query}`, symbol, ctx);
    hostIndex = index;
    const klines = parseResponse(klinesSchema, body, 'Binance');
    for (const kline of klines) if (kline[0] >= start && kline[0] < end) rows.push(kline);
    const lastOpen = klines[klines.length - 1]?.[0];
    if (lastOpen === undefined || klines.length < BINANCE_LIMIT) break;
    if (lastOpen < cursor) {
      throw new Error(`Binance page ${page + 1} does not advance: asked from ${formatTime(cursor)}, its last candle opens at ${formatTime(lastOpen)}; stopping instead of asking again`);
    }
    cursor = lastOpen + 1;
  }
  progress(ctx, 1, `Binance ${symbol} ${interval}: ${rows.length} candles`);
  return finishSeries({
    id: 'binance',
    label: 'Binance',
    request: { ...request, symbol },
    raw: toRaw(rows),
    noun: 'candles',
    name: `${symbol} ${interval} (Binance)`,
    now: (ctx.now ?? Date.now)(),
  });
}

async function fetchWithFallback(
  hosts: readonly string[],
  from: number,
  path: string,
  symbol: string,
  ctx: LoadContext,
): Promise<{ body: unknown; index: number }> {
  let lastError: unknown;
  for (let index = from; index < hosts.length; index++) {
    try {
      return { body: await fetchJson(`${hosts[index]}${path}`, httpOptions(ctx)), index };
    } catch (error) {
      const known = error instanceof HttpError ? errorSchema.safeParse(error.body) : undefined;
      if (known?.success && known.data.code === -1121) {
        throw new Error(`Binance does not know the symbol "${symbol}": use the pair without a separator, e.g. BTCUSDT or ETHBTC`, { cause: error });
      }
      const hostProblem = (error instanceof HttpError && error.status === 451) || (error instanceof Error && error.message.startsWith('could not reach'));
      if (!hostProblem) throw error;
      lastError = error;
    }
  }
  const tried = hosts.slice(from).map((h) => new URL(h).host).join(', ');
  const message = lastError instanceof Error ? lastError.message : String(lastError);
  throw new Error(`${message} (tried ${tried})`, { cause: lastError });
}

function toRaw(rows: z.infer<typeof klineSchema>[]): RawSeries {
  const n = rows.length;
  const time = new Float64Array(n);
  const names = ['open', 'high', 'low', 'close', 'volume'] as const;
  const columns = Object.fromEntries(names.map((name) => [name, new Float64Array(n)])) as Record<(typeof names)[number], Float64Array>;
  const nonNumeric: NonNullable<RawSeries['nonNumeric']> = [];
  rows.forEach((row, i) => {
    time[i] = row[0];
    names.forEach((name, k) => {
      columns[name][i] = readNumber(row[k + 1] as string | number, i, name, nonNumeric);
    });
  });
  return { time, columns, nonNumeric };
}

export const binance = createBinanceConnector();
