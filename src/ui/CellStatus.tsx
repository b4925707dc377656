import { cellStatus } from '../state/cellStatus';
import { useLabState } from './LabContext';

/** A "stale" badge on a cell whose output the next Run recomputes (it or a cell it reads changed). */
export function CellStatus({ cellId }: { cellId: string }) {
  const status = useLabState((s) => cellStatus(s, cellId));
  if (status !== 'stale') return null;
  return (
    <span className="badge stale" data-testid={`cell-status-${cellId}`} title="Changed since the last run: Run recomputes this cell and the cells that read it">
      stale
    </span>
  );
}
