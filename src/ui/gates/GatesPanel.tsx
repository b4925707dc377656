import { useState } from 'react';
import { useModelActions, useModelsState } from '../models/context';
import { GatesCharts } from './GatesCharts';

/** The gates view of a saved model: pick the window's last day, draw, close. */
export function GatesPanel() {
  const view = useModelsState((s) => s.gates);
  const busy = useModelsState((s) => s.busy);
  const actions = useModelActions();
  const [date, setDate] = useState('');
  if (!view) return null;
  const end = view.times[view.times.length - 1]!.slice(0, 10);
  return (
    <div className="gates" data-testid="gates-view">
      <GatesCharts view={view} source="Computed by the fused engine's forward pass on the saved weights.">
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
      </GatesCharts>
    </div>
  );
}
