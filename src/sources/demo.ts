import type { Frame } from '../core/frame';
import { createRng } from '../core/rng';
import { exp, log } from '../core/math';

export interface DemoMarketOptions {
  seed: number;
  bars: number;
  /** ISO date of the first bar (UTC midnight), default 2019-01-01. */
  start?: string | undefined;
}

const DAY_MS = 86_400_000;

/** Per-regime daily drift and long-run volatility of log returns. */
const REGIMES = [
  { name: 'bull', drift: 0.0012, vol: 0.028, stay: 0.985 },
  { name: 'bear', drift: -0.001, vol: 0.045, stay: 0.975 },
] as const;

const GARCH_ALPHA = 0.08;
const GARCH_BETA = 0.9;
/** How much yesterday's active-address surprise moves today's return, in units of today's sigma. */
const ONCHAIN_LEAD = 0.2;

/**
 * A seeded synthetic daily market: log returns with GARCH(1,1) volatility clustering inside a
 * two-state Markov regime (bull/bear), OHLCV bars, and two on-chain-like series: active addresses
 * (whose surprise leads the next day's return a little, so models have something real to find)
 * and hash rate (a slow trend that follows price with a lag). It is NOT market data; the frame
 * is marked synthetic and the UI says so.
 */
export function generateDemoMarket(options: DemoMarketOptions): Frame {
  const { seed, bars } = options;
  if (!Number.isInteger(bars) || bars < 2) throw new Error(`demo market: bars must be an integer >= 2, got ${bars}`);
  const startMs = Date.parse(`${options.start ?? '2019-01-01'}T00:00:00Z`);
  if (Number.isNaN(startMs)) throw new Error(`demo market: start "${options.start}" is not an ISO date (YYYY-MM-DD)`);

  const rng = createRng(seed);
  const time = new Float64Array(bars);
  const open = new Float64Array(bars);
  const high = new Float64Array(bars);
  const low = new Float64Array(bars);
  const close = new Float64Array(bars);
  const volume = new Float64Array(bars);
  const activeAddresses = new Float64Array(bars);
  const hashRate = new Float64Array(bars);
  const logReturn = new Float64Array(bars);

  let regime = 0;
  let variance = REGIMES[0].vol ** 2;
  let shock = 0;
  let price = 3800;
  let logAddresses = log(700_000);
  let logHash = log(45_000_000);
  let addressSurprise = 0;

  for (let t = 0; t < bars; t++) {
    const state = REGIMES[regime]!;
    if (rng.next() > state.stay) regime = 1 - regime;
    const longRun = REGIMES[regime]!.vol ** 2;
    variance = (1 - GARCH_ALPHA - GARCH_BETA) * longRun + GARCH_ALPHA * shock * shock + GARCH_BETA * variance;
    const sigma = Math.sqrt(variance);
    const innovation = rng.normal();
    const r = REGIMES[regime]!.drift + ONCHAIN_LEAD * sigma * addressSurprise + sigma * Math.sqrt(1 - ONCHAIN_LEAD ** 2) * innovation;
    shock = r - REGIMES[regime]!.drift;
    logReturn[t] = r;

    const openPrice = price;
    const closePrice = price * exp(t === 0 ? 0 : r);
    const wick = () => exp(Math.abs(rng.normal()) * sigma * 0.4);
    time[t] = startMs + t * DAY_MS;
    open[t] = openPrice;
    close[t] = closePrice;
    high[t] = Math.max(openPrice, closePrice) * wick();
    low[t] = Math.min(openPrice, closePrice) / wick();
    volume[t] = 25_000 * exp(0.35 * rng.normal() + 6 * Math.abs(r));
    price = closePrice;

    addressSurprise = rng.normal();
    logAddresses += 0.0004 + 0.6 * r + 0.03 * addressSurprise;
    activeAddresses[t] = Math.round(exp(logAddresses));
    const laggedReturn = t >= 30 ? logReturn[t - 30]! : 0;
    logHash += 0.0015 + 0.15 * laggedReturn + 0.02 * rng.normal();
    hashRate[t] = exp(logHash);
  }

  return {
    time,
    columns: { open, high, low, close, volume, activeAddresses, hashRate },
    meta: {
      name: `Synthetic BTC-like market (seed ${seed})`,
      intervalMs: DAY_MS,
      synthetic: true,
      source: 'demo',
    },
  };
}
