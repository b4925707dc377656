import { useMemo } from 'react';
import type { RunReport } from '../../state/labState';
import { PlotlyChart } from '../charts/PlotlyChart';
import { driftHeatmapLayout, driftHeatmapTraces } from '../charts/diagnosticsTraces';

type Drift = NonNullable<RunReport['diagnostics']>['drift'];

/** PSI of each feature and the target per fold, in the 0.1 / 0.2 bands, with the fold's error above. */
export function DriftChart({ drift }: { drift: Drift }) {
  const data = useMemo(() => driftHeatmapTraces(drift.folds, drift.columns), [drift]);
  const layout = useMemo(() => driftHeatmapLayout(drift.folds, drift.columns), [drift]);
  return (
    <>
      <PlotlyChart
        testId="chart-drift"
        title="Drift between each fold's training and test rows (PSI; KS on hover) and the fold's error"
        data={data}
        layout={layout}
        height={layout.height ?? 320}
      />
      <p className="muted">
        PSI over {drift.bins} bins cut at the training quantiles (an empty bin counts as {drift.epsilon}); rule of thumb: above 0.2, retrain.
      </p>
    </>
  );
}
