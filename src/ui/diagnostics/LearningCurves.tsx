import { useMemo, useState } from 'react';
import type { RunReport } from '../../state/labState';
import { PlotlyChart } from '../charts/PlotlyChart';
import { LEARNING_CURVE_LAYOUT, learningCurveTraces } from '../charts/diagnosticsTraces';

type Curves = NonNullable<RunReport['diagnostics']>['learningCurves'];

/** Each trained fold's loss per epoch, all overlaid or one at a time, the kept epoch marked, the diagnosis below. */
export function LearningCurves({ curves }: { curves: Curves }) {
  const [shown, setShown] = useState<number | 'all'>('all');
  const selected = useMemo(() => (shown === 'all' ? curves : curves.filter((c) => c.fold === shown)), [curves, shown]);
  const data = useMemo(() => learningCurveTraces(selected), [selected]);
  if (curves.length === 0) return null;
  return (
    <div data-testid="learning-curves">
      <label className="toggle">
        folds{' '}
        <select data-testid="learning-curves-fold" value={String(shown)} onChange={(e) => setShown(e.target.value === 'all' ? 'all' : Number(e.target.value))}>
          <option value="all">all, overlaid</option>
          {curves.map((c) => (
            <option key={c.fold} value={c.fold}>
              fold {c.fold + 1}
            </option>
          ))}
        </select>
      </label>
      <PlotlyChart
        testId="chart-learning-curves"
        title="Learning curves: training (dashed) and validation (solid) loss per epoch; diamond: the epoch kept"
        data={data}
        layout={LEARNING_CURVE_LAYOUT}
        height={300}
      />
      <ul className="notes" data-testid="learning-diagnosis">
        {selected.map((c) => (
          <li key={c.fold}>
            fold {c.fold + 1}: {c.sentence}
          </li>
        ))}
      </ul>
    </div>
  );
}
