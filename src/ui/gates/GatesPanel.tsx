import { useMemo, useState } from 'react';
import type { GatesView } from '../../state/modelsState';
import { PlotlyChart } from '../charts/PlotlyChart';
import { gateInputLayout, gateInputTraces, stateGridLayout, stateGridTraces } from '../charts/gatesTraces';
import { useModelActions, useModelsState } from '../models/context';

function StateGrid({ view, index }: { view: GatesView; index: number }) {
  const series = view.series[index]!;
  const data = useMemo(() => stateGridTraces(view.times, view.units, series), [view, series]);
  const layout = useMemo(() => stateGridLayout(view.units.length), [view]);
  const slug = series.name.replace(/\s+/g, '-');
  return <PlotlyChart testId={`chart-gates-${slug}`} title={series.name} data={data} layout={layout} height={80 + 24 * view.units.length} />;
}

/** Inside the model for one window: its inputs, then each gate and state per unit, on one time axis. */
export function GatesPanel() {
  const view = useModelsState((s) => s.gates);
  const busy = useModelsState((s) => s.busy);
  const actions = useModelActions();
  const [date, setDate] = useState('');
  const inputs = useMemo(() => (view ? gateInputTraces(view.times, view.inputs) : []), [view]);
  const inputLayout = useMemo(() => gateInputLayout(view?.inputs.length ?? 1), [view]);
  if (!view) return null;
  const end = view.times[view.times.length - 1]!.slice(0, 10);
  return (
    <div className="gates" data-testid="gates-view">
      <header>
        Gates of the {view.cell.toUpperCase()} for the window ending {end} ({view.times.length} bars)
      </header>
      <p className="muted">
        {view.cell === 'lstm'
          ? 'Forget gate near 1: the cell keeps its memory; input gate: how much of the candidate enters; output gate: how much of the cell shows in the hidden state.'
          : 'Update gate near 1: the unit keeps its previous state; reset gate near 0: the candidate ignores the past.'}{' '}
        Computed by the fused engine&apos;s forward pass on the saved weights.
      </p>
      {view.note ? <p className="notice" data-testid="gates-note">{view.note}</p> : null}
      <div className="toolbar">
        <label>
          window ends{' '}
          <input type="date" data-testid="gates-date" min={view.range.first} max={view.range.last} value={date || end} onChange={(e) => setDate(e.target.value)} />
        </label>
        <button data-testid="gates-draw" disabled={busy !== null} onClick={() => void actions.showGates(view.modelId, date || end)}>
          Draw
        </button>
        <button onClick={() => actions.hideGates()}>Close</button>
      </div>
      <PlotlyChart testId="chart-gates-inputs" title="Input features of the window" data={inputs} layout={inputLayout} height={inputLayout.height ?? 220} />
      {view.series.map((s, i) => (
        <StateGrid key={s.name} view={view} index={i} />
      ))}
    </div>
  );
}
