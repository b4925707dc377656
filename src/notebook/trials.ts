import { runReportSchema } from './report';

export interface Trials {
  count: number;
  /** Variance of the per-period Sharpe ratios of the configurations tried (0 with fewer than 2). */
  sharpeVariance: number;
}

/**
 * The configurations tried in a notebook, from its stored run reports: one per distinct notebook
 * hash (a changed parameter is a new trial; re-running the same document is not), plus the
 * configuration about to run. Feeds the deflated Sharpe ratio.
 */
export function trialsFromReports(reports: readonly unknown[], currentHash: string): Trials {
  const sharpeByHash = new Map<string, number>();
  for (const raw of reports) {
    const parsed = runReportSchema.safeParse(raw);
    if (!parsed.success) continue;
    const { notebookHash, backtest } = parsed.data;
    const annual = backtest.strategy.sharpe;
    if (annual !== null && !sharpeByHash.has(notebookHash)) sharpeByHash.set(notebookHash, annual / Math.sqrt(backtest.periodsPerYear));
  }
  const count = sharpeByHash.size + (sharpeByHash.has(currentHash) ? 0 : 1);
  const values = [...sharpeByHash.values()];
  if (values.length < 2) return { count, sharpeVariance: 0 };
  const mean = values.reduce((a, b) => a + b, 0) / values.length;
  return { count, sharpeVariance: values.reduce((a, v) => a + (v - mean) ** 2, 0) / (values.length - 1) };
}
