import { useMemo, type ReactNode } from 'react';
import type { GatesView } from '../../state/runGatesState';
import { PlotlyChart } from '../charts/PlotlyChart';
import { gateInputLayout, gateInputTraces, stateGridLayout, stateGridTraces } from '../charts/gatesTraces';

function StateGrid({ view, index }: { view: GatesView; index: number }) {
  const series = view.series[index]!;
  const data = useMemo(() => stateGridTraces(view.times, view.units, series), [view, series]);
  const layout = useMemo(() => stateGridLayout(view.units.length), [view]);
  const slug = series.name.replace(/\s+/g, '-');
  return <PlotlyChart testId={`chart-gates-${slug}`} title={series.name} data={data} layout={layout} height={80 + 24 * view.units.length} />;
}

/** Inside the model for one window: a header, what the gates mean, `children` (the controls), its inputs, then each gate and state per unit on one time axis. */
export function GatesCharts({ view, source, children }: { view: GatesView; source: string; children?: ReactNode }) {
  const inputs = useMemo(() => gateInputTraces(view.times, view.inputs), [view]);
  const inputLayout = useMemo(() => gateInputLayout(view.inputs.length), [view]);
  const end = view.times[view.times.length - 1]!.slice(0, 10);
  return (
    <>
      <header data-testid="gates-title">
        Gates of the {view.cell.toUpperCase()} for the window ending {end} ({view.times.length} bars)
        {view.fold ? ` — the model of fold ${view.fold.number}, trained on ${view.fold.trainStart} to ${view.fold.trainEnd}` : ''}
      </header>
      <p className="muted">
        {view.cell === 'lstm'
          ? 'Forget gate near 1: the cell keeps its memory; input gate: how much of the candidate enters; output gate: how much of the cell shows in the hidden state.'
          : 'Update gate near 1: the unit keeps its previous state; reset gate near 0: the candidate ignores the past.'}{' '}
        {source}
      </p>
      {view.note ? (
        <p className="notice" data-testid="gates-note">
          {view.note}
        </p>
      ) : null}
      {children}
      <PlotlyChart testId="chart-gates-inputs" title="Input features of the window" data={inputs} layout={inputLayout} height={inputLayout.height ?? 220} />
      {view.series.map((s, i) => (
        <StateGrid key={s.name} view={view} index={i} />
      ))}
    </>
  );
}
