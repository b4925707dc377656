/**
 * Coin Metrics Community API (GET /v4/timeseries/asset-metrics): {data: [{asset, time:
 * "2020-01-01T00:00:00.000000000Z", <metric>: "123"}], next_page_url?}; values arrive as strings,
 * a metric without a value on a day is left out of that row, and the next page is fetched from
 * next_page_url unmodified. The community tier allows 10 requests per 6 s per IP and its data is
 * CC BY-NC 4.0 ("Coin Metrics, Inc"). Errors: {error: {type, message}} with HTTP 400/403/404.
 */
import { z } from 'zod';
import type { RawSeries } from '../../core/cleaning';
import { defaultSleep, fetchJson, HttpError, parseResponse, type Sleep } from '../http';
import { checkPageCap, checkRequest, DAY, finishSeries, formatTime, httpOptions, progress, readNumber } from './common';
import type { ConnectorDefinition, LoadContext, LoadRequest, LoadResult } from './types';
import { COINMETRICS_HOSTS } from '../../spec/dataSources/coinmetrics';

export const COINMETRICS_HOST = COINMETRICS_HOSTS[0];
const INTERVALS = ['1d'];
const DEFAULT_METRICS = ['AdrActCnt'];

const pageSchema = z.object({
  data: z.array(z.looseObject({ asset: z.string(), time: z.string() })),
  next_page_url: z.string().optional(),
});
const errorSchema = z.object({ error: z.object({ type: z.string().optional(), message: z.string() }) });

/**
 * A token bucket whose tokens each come back `windowMs` after they were taken: at most `capacity`
 * requests in any window. (A bucket refilled at a steady rate would allow 19 requests in 6 s after a
 * burst of 10, which a 10-per-6-s window refuses.) Clock and sleep come as a pair, so a test's fake
 * sleep advances the fake clock.
 */
export class TokenBucket {
  private readonly taken: number[] = [];

  constructor(
    readonly capacity: number,
    readonly windowMs: number,
    private readonly clock: { now: () => number; sleep: Sleep } = { now: Date.now, sleep: defaultSleep },
  ) {}

  /** Waits until a token is free, then takes it; returns the time waited in ms. */
  async take(signal?: AbortSignal): Promise<number> {
    let waited = 0;
    for (;;) {
      const t = this.clock.now();
      while (this.taken.length > 0 && this.taken[0]! + this.windowMs <= t) this.taken.shift();
      if (this.taken.length < this.capacity) {
        this.taken.push(t);
        return waited;
      }
      const wait = this.taken[0]! + this.windowMs - t;
      await this.clock.sleep(wait, signal);
      waited += wait;
    }
  }
}

/** Shared by every load in this page: the limit is per IP address, not per request. */
const communityBucket = new TokenBucket(10, 6_000);

export function createCoinMetricsConnector(options: { bucket?: TokenBucket; host?: string } = {}): ConnectorDefinition {
  const bucket = options.bucket ?? communityBucket;
  const host = options.host ?? COINMETRICS_HOST;
  return {
    id: 'coinmetrics',
    label: 'Coin Metrics',
    kind: 'onchain',
    intervals: INTERVALS,
    symbolExample: 'btc',
    attribution: 'Data: Coin Metrics, Inc, CC BY-NC 4.0',
    load: (request, ctx) => loadCoinMetrics(bucket, host, request, ctx),
  };
}

/** "2020-01-01T00:00:00.000000000Z" -> ms; nanoseconds are cut to ms, which some Date parsers require. */
export function parseCoinMetricsTime(text: string): number {
  return Date.parse(text.replace(/(\.\d{3})\d+/, '$1'));
}

async function loadCoinMetrics(bucket: TokenBucket, host: string, request: LoadRequest, ctx: LoadContext): Promise<LoadResult> {
  checkRequest('Coin Metrics', INTERVALS, request);
  const asset = request.symbol.trim().toLowerCase();
  const metrics = request.metrics && request.metrics.length > 0 ? request.metrics : DEFAULT_METRICS;
  const { start, end } = request;
  const query = new URLSearchParams({
    assets: asset,
    metrics: metrics.join(','),
    frequency: '1d',
    page_size: '10000',
    start_time: new Date(start).toISOString(),
    end_time: new Date(end).toISOString(),
    end_inclusive: 'false',
  });
  let url: string | undefined = `${host}/v4/timeseries/asset-metrics?${query.toString()}`;
  const rows: Array<Record<string, unknown>> = [];
  const expectedDays = Math.max(1, Math.ceil((end - start) / DAY));
  const fetched = new Map<string, number>();
  for (let page = 1; url !== undefined; page++) {
    checkPageCap('Coin Metrics', page, ctx, `${rows.length} rows read`);
    const repeated = fetched.get(url);
    if (repeated !== undefined) {
      throw new Error(`Coin Metrics sent a next_page_url already followed (page ${page} would repeat page ${repeated}); stopping instead of looping`);
    }
    fetched.set(url, page);
    progress(ctx, rows.length / expectedDays, `Coin Metrics ${asset}: page ${page}`);
    await bucket.take(ctx.signal);
    let body: unknown;
    try {
      body = await fetchJson(url, httpOptions(ctx));
    } catch (error) {
      throw explain(error, asset, metrics);
    }
    const parsed = parseResponse(pageSchema, body, 'Coin Metrics');
    rows.push(...parsed.data);
    url = parsed.next_page_url;
    if (url !== undefined && new URL(url).origin !== new URL(host).origin) {
      throw new Error(`Coin Metrics sent a next page on another host (${new URL(url).host}); refusing to follow it`);
    }
  }
  const raw = toRaw(rows, metrics, start, end);
  if (raw.time.length > 0) {
    const absent = metrics.filter((m) => !rows.some((row) => Object.hasOwn(row, m)));
    if (absent.length > 0) {
      throw new Error(`Coin Metrics returned no values of ${absent.map((m) => `"${m}"`).join(', ')} for ${asset} between ${formatTime(start)} and ${formatTime(end)}: check the metric name (case-sensitive, e.g. AdrActCnt, CapMrktCurUSD) and that the community tier serves it`);
    }
  }
  progress(ctx, 1, `Coin Metrics ${asset}: ${raw.time.length} days`);
  return finishSeries({
    id: 'coinmetrics',
    label: 'Coin Metrics',
    request: { ...request, symbol: asset },
    raw,
    noun: 'values',
    name: `${asset} ${metrics.join(', ')} (Coin Metrics)`,
    now: (ctx.now ?? Date.now)(),
  });
}

function explain(error: unknown, asset: string, metrics: string[]): unknown {
  if (!(error instanceof HttpError)) return error;
  const body = errorSchema.safeParse(error.body);
  if (!body.success) return error;
  const message = body.data.error.message;
  const metric = metrics.find((m) => message.includes(`'${m}'`) || message.includes(`"${m}"`) || message.includes(m));
  if (metric !== undefined) {
    return new Error(`Coin Metrics does not serve the metric "${metric}" for ${asset} on the community API: ${message}`, { cause: error });
  }
  if (/asset/i.test(message)) {
    return new Error(`Coin Metrics does not know the asset "${asset}": use its lower-case ticker, e.g. btc or eth (${message})`, { cause: error });
  }
  return new Error(`Coin Metrics refused the request (HTTP ${error.status}): ${message}`, { cause: error });
}

function toRaw(rows: Array<Record<string, unknown>>, metrics: string[], start: number, end: number): RawSeries {
  const kept = rows.filter((row) => {
    const t = parseCoinMetricsTime(String(row.time));
    return !(t < start || t >= end); // an unreadable time (NaN) is kept and reported as bad-time
  });
  const n = kept.length;
  const time = new Float64Array(n);
  const columns: Record<string, Float64Array> = {};
  for (const m of metrics) columns[m] = new Float64Array(n);
  const nonNumeric: NonNullable<RawSeries['nonNumeric']> = [];
  kept.forEach((row, i) => {
    time[i] = parseCoinMetricsTime(String(row.time));
    for (const m of metrics) {
      const value = Object.hasOwn(row, m) ? row[m] : undefined;
      const cell = typeof value === 'string' || typeof value === 'number' ? value : value === undefined || value === null ? undefined : String(value);
      columns[m]![i] = readNumber(cell, i, m, nonNumeric);
    }
  });
  return { time, columns, nonNumeric };
}

export const coinmetrics = createCoinMetricsConnector();
