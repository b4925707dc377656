import { useMemo } from 'react';
import { axisScales, sweepDomains } from '../../state/sweepState';
import { useHasSweep, useLabState, useSweepActions, useSweepState } from '../LabContext';
import { ParallelCoordinatesPlot } from './ParallelCoordinatesPlot';
import { SweepCharts } from './SweepCharts';
import { SweepHeatmap } from './SweepHeatmap';
import { TrialsTable } from './TrialsTable';
import { objectiveText } from './sweepViews';

/** Under a sweep cell: run and cancel, progress, the trials and their views, the hold-out figures, Apply best. */
export function SweepPanel() {
  return useHasSweep() ? <SweepPanelBody /> : null;
}

function SweepPanelBody() {
  const state = useSweepState((s) => s);
  const actions = useSweepActions();
  const running = useLabState((s) => s.status === 'running');
  const { report, trials, status } = state;
  const parameters = report?.parameters ?? [...new Set(trials.flatMap((t) => Object.keys(t.params)))];
  const maximize = report?.objective.direction !== 'minimize';
  const domains = useLabState((s) => sweepDomains(s.doc));
  const scales = useMemo(() => axisScales(domains), [domains]);
  return (
    <section className="sweep-panel" data-testid="sweep-panel" data-status={status}>
      <div className="toolbar">
        {status === 'running' ? (
          <button data-testid="sweep-cancel" onClick={actions.cancel}>
            Cancel sweep
          </button>
        ) : (
          <button data-testid="sweep-run" disabled={running} onClick={() => void actions.start()}>
            Run sweep
          </button>
        )}
        {report?.best ? (
          <button data-testid="sweep-apply-best" onClick={actions.applyBest}>
            Apply best
          </button>
        ) : null}
        <span data-testid="sweep-progress">
          {status === 'running' ? `${trials.length} of ${state.total || '?'} trials` : status === 'idle' ? '' : `${status}: ${trials.length} trials`}
          {report && report.resumed > 0 ? ` (${report.resumed} from the run cache)` : ''}
        </span>
      </div>
      {state.error ? <p className="error">{state.error}</p> : null}
      {report ? (
        <p data-testid="sweep-holdout">
          Best on the search folds: {objectiveText(report.holdout.searchObjective)}; on the hold-out ({report.holdout.holdoutFolds} folds from {report.holdout.from.slice(0, 10)}):{' '}
          {objectiveText(report.holdout.objective)}. Deflated Sharpe {objectiveText(report.deflatedSharpe.value)} over {report.deflatedSharpe.trials} trials.
        </p>
      ) : null}
      {trials.length > 0 ? <TrialsTable trials={trials} parameters={parameters} bestId={report?.best?.id ?? null} /> : null}
      {report && state.axes ? <SweepHeatmap trials={trials} axes={state.axes} maximize={maximize} /> : null}
      {report ? <ParallelCoordinatesPlot trials={trials} parameters={parameters} maximize={maximize} scales={scales} /> : null}
      {report ? <SweepCharts trials={trials} parameters={parameters} maximize={maximize} /> : null}
    </section>
  );
}
