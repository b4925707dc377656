export type { SweepReport, SweepTrial } from '../notebook/sweep/sweepReport';
import type { SweepReport, SweepTrial } from '../notebook/sweep/sweepReport';

export interface SweepState {
  status: 'idle' | 'running' | 'done' | 'cancelled' | 'error';
  /** Trials as they finish (the report's list once it is done). */
  trials: SweepTrial[];
  total: number;
  report: SweepReport | null;
  error: string | null;
  /** The two parameters the heatmap shows. */
  axes: [string, string] | null;
}

export function initialSweepState(): SweepState {
  return { status: 'idle', trials: [], total: 0, report: null, error: null, axes: null };
}
