/**
 * mempool.space network hashrate (GET https://mempool.space/api/v1/mining/hashrate/{period}):
 * {hashrates: [{timestamp: s, avgHashrate: H/s}], difficulty: [...], currentHashrate,
 * currentDifficulty}. Periods are 3m, 6m, 1y, 2y, 3y and all, always ending now, so we ask for the
 * shortest period that reaches back to `start` and keep [start, end). Bitcoin only: symbol BTC.
 */
import { z } from 'zod';
import type { RawSeries } from '../../core/cleaning';
import { fetchJson, parseResponse } from '../http';
import { checkRequest, DAY, finishSeries, httpOptions, progress, readNumber } from './common';
import type { ConnectorDefinition, LoadContext, LoadRequest, LoadResult } from './types';
import { MEMPOOL_HOSTS } from '../../spec/dataSources/mempool';

export const MEMPOOL_HOST = MEMPOOL_HOSTS[0];
const INTERVALS = ['1d'];
/** Each period with the days it reaches back (months and years rounded down, so never too short). */
const PERIODS: ReadonlyArray<readonly [string, number]> = [['3m', 89], ['6m', 180], ['1y', 365], ['2y', 730], ['3y', 1095]];

const responseSchema = z.object({
  hashrates: z.array(z.object({ timestamp: z.number(), avgHashrate: z.union([z.number(), z.string()]) })),
  currentHashrate: z.number().optional(),
  currentDifficulty: z.number().optional(),
});

export function mempoolPeriod(start: number, now: number): string {
  const days = (now - start) / DAY;
  return PERIODS.find(([, reach]) => days <= reach)?.[0] ?? 'all';
}

async function loadMempool(request: LoadRequest, ctx: LoadContext): Promise<LoadResult> {
  checkRequest('mempool.space', INTERVALS, request);
  const symbol = request.symbol.trim().toUpperCase();
  if (symbol !== 'BTC') throw new Error(`mempool.space serves Bitcoin only: the symbol "${request.symbol}" is not BTC`);
  const now = (ctx.now ?? Date.now)();
  const { start, end } = request;
  const period = mempoolPeriod(start, now);
  progress(ctx, 0, `mempool.space hashrate: one request (${period})`);
  const body = await fetchJson(`${MEMPOOL_HOST}/api/v1/mining/hashrate/${period}`, httpOptions(ctx));
  const parsed = parseResponse(responseSchema, body, 'mempool.space');
  const kept = parsed.hashrates.filter((h) => h.timestamp * 1000 >= start && h.timestamp * 1000 < end);
  const time = new Float64Array(kept.length);
  const values = new Float64Array(kept.length);
  const nonNumeric: NonNullable<RawSeries['nonNumeric']> = [];
  kept.forEach((h, i) => {
    time[i] = h.timestamp * 1000;
    values[i] = readNumber(h.avgHashrate, i, 'hashRate', nonNumeric);
  });
  progress(ctx, 1, `mempool.space hashrate: ${kept.length} values`);
  return finishSeries({
    id: 'mempool',
    label: 'mempool.space',
    request: { ...request, symbol },
    raw: { time, columns: { hashRate: values }, nonNumeric },
    noun: 'values',
    name: 'BTC network hashrate, H/s (mempool.space)',
    now,
  });
}

export const mempool: ConnectorDefinition = {
  id: 'mempool',
  label: 'mempool.space hashrate',
  kind: 'onchain',
  intervals: INTERVALS,
  symbolExample: 'BTC',
  load: loadMempool,
};
