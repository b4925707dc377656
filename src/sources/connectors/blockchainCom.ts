/**
 * blockchain.com charts (GET https://api.blockchain.info/charts/{name}?timespan=&start=&format=json
 * &sampled=false): {status: "ok", name, unit, period, values: [{x: seconds, y}]}. `start` is a UTC
 * date, `timespan` a duration such as "30days"; `sampled=false` asks for every point instead of
 * ~1.5k samples. The symbol is the chart name (hash-rate, n-transactions, ...); the Frame has one
 * column named after it in camelCase (hash-rate -> hashRate).
 */
import { z } from 'zod';
import type { RawSeries } from '../../core/cleaning';
import { fetchJson, HttpError, parseResponse } from '../http';
import { checkRequest, DAY, finishSeries, httpOptions, progress, readNumber } from './common';
import type { ConnectorDefinition, LoadContext, LoadRequest, LoadResult } from './types';
import { BLOCKCHAIN_COM_HOSTS } from '../../spec/dataSources/blockchainCom';

export const BLOCKCHAIN_COM_HOST = BLOCKCHAIN_COM_HOSTS[0];
const INTERVALS = ['1d'];

const chartSchema = z.object({
  status: z.string(),
  name: z.string().optional(),
  unit: z.string().optional(),
  period: z.string().optional(),
  values: z.array(z.object({ x: z.number(), y: z.union([z.number(), z.string(), z.null()]) })),
});

/** "hash-rate" -> "hashRate", "n-unique-addresses" -> "nUniqueAddresses". */
export function chartColumnName(chart: string): string {
  return chart.replace(/[-_ ]+([a-z0-9])/gi, (_, c: string) => c.toUpperCase());
}

async function loadBlockchainCom(request: LoadRequest, ctx: LoadContext): Promise<LoadResult> {
  checkRequest('blockchain.com', INTERVALS, request);
  const chart = request.symbol.trim().toLowerCase();
  if (!/^[a-z0-9-]+$/.test(chart)) throw new Error(`blockchain.com has no chart "${request.symbol}": chart names look like hash-rate or n-transactions`);
  const { start, end } = request;
  const days = Math.max(1, Math.ceil((end - start) / DAY));
  const url = `${BLOCKCHAIN_COM_HOST}/charts/${chart}?timespan=${days}days&start=${new Date(start).toISOString().slice(0, 10)}&format=json&sampled=false`;
  progress(ctx, 0, `blockchain.com ${chart}: one request`);
  let body: unknown;
  try {
    body = await fetchJson(url, httpOptions(ctx));
  } catch (error) {
    if (error instanceof HttpError && error.status === 404) {
      throw new Error(`blockchain.com has no chart "${chart}": see blockchain.com/charts for names such as hash-rate or n-transactions`, { cause: error });
    }
    throw error;
  }
  const parsed = parseResponse(chartSchema, body, 'blockchain.com');
  if (parsed.status !== 'ok') throw new Error(`blockchain.com answered status "${parsed.status}" for the chart "${chart}"`);
  const column = chartColumnName(chart);
  const kept = parsed.values.filter((v) => v.x * 1000 >= start && v.x * 1000 < end);
  const time = new Float64Array(kept.length);
  const values = new Float64Array(kept.length);
  const nonNumeric: NonNullable<RawSeries['nonNumeric']> = [];
  kept.forEach((v, i) => {
    time[i] = v.x * 1000;
    values[i] = readNumber(v.y, i, column, nonNumeric);
  });
  progress(ctx, 1, `blockchain.com ${chart}: ${kept.length} values`);
  return finishSeries({
    id: 'blockchain-com',
    label: 'blockchain.com',
    request: { ...request, symbol: chart },
    raw: { time, columns: { [column]: values }, nonNumeric },
    noun: 'values',
    name: `${parsed.name ?? chart}${parsed.unit ? ` (${parsed.unit})` : ''} (blockchain.com)`,
    now: (ctx.now ?? Date.now)(),
  });
}

export const blockchainCom: ConnectorDefinition = {
  id: 'blockchain-com',
  label: 'blockchain.com charts',
  kind: 'onchain',
  intervals: INTERVALS,
  symbolExample: 'hash-rate',
  load: loadBlockchainCom,
};
