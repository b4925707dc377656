import { statusesSinceRun, type CellStatus } from '../notebook/plan';
import type { LabState } from './labState';

export type { CellStatus } from '../notebook/plan';

let memo: { doc: LabState['doc']; result: LabState['result']; backend: string | null; statuses: Record<string, CellStatus> } | null = null;

/**
 * Each cell's status against the run on screen: stale when a Run would recompute it (plan.ts).
 * The next run is assumed on the chosen backend, or on the shown run's when the choice is "auto".
 */
export function cellStatuses(state: LabState): Record<string, CellStatus> {
  const { doc, result } = state;
  if (!doc) return {};
  const backend = state.backendPreference !== 'auto' ? state.backendPreference : (state.backend?.backend ?? null);
  if (memo && memo.doc === doc && memo.result === result && memo.backend === backend) return memo.statuses;
  const statuses = statusesSinceRun(doc, result?.report ?? null, backend);
  memo = { doc, result, backend, statuses };
  return statuses;
}

export function cellStatus(state: LabState, cellId: string): CellStatus | null {
  return cellStatuses(state)[cellId] ?? null;
}
