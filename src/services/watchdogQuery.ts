/**
 * The compute workers' watchdog from the page's address: `?watchdogMs=10000` sets the silence
 * budget (default 30 s) and `?batchDeadlineMs=20000` the per-call deadline for a batch end
 * (default 120 s), both in src/services/workerSession.ts. The e2e tests use short budgets to
 * see a stuck worker stopped in seconds; without the parameters nothing changes. A value that is
 * not a whole number of milliseconds in range is ignored, with a console warning naming it.
 */
import { z } from 'zod';

const budgetMs = z.coerce.number().int().min(500).max(3_600_000);

export interface WatchdogConfig {
  silenceBudgetMs?: number | undefined;
  batchDeadlineMs?: number | undefined;
}

const PARAMS = { watchdogMs: 'silenceBudgetMs', batchDeadlineMs: 'batchDeadlineMs' } as const;

export function watchdogFromQuery(search: string, warn: (message: string) => void = console.warn): WatchdogConfig {
  const params = new URLSearchParams(search);
  const config: WatchdogConfig = {};
  for (const [param, field] of Object.entries(PARAMS) as [keyof typeof PARAMS, keyof WatchdogConfig][]) {
    const raw = params.get(param);
    if (raw === null) continue;
    const parsed = budgetMs.safeParse(raw);
    if (parsed.success) config[field] = parsed.data;
    else warn(`?${param}=${raw} ignored: a whole number of milliseconds from 500 to 3600000 is expected (${parsed.error.issues[0]?.message ?? 'invalid'})`);
  }
  return config;
}
