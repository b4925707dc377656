import type { RunReport } from '../../state/labState';
import { CoverageTable } from './CoverageTable';
import { DriftChart } from './DriftChart';
import { LearningCurves } from './LearningCurves';

/** Intervals, drift and learning curves of a run (absent in runs stored before diagnostics existed). */
export function DiagnosticsPanel({ report }: { report: RunReport }) {
  const d = report.diagnostics;
  if (!d) return null;
  return (
    <section className="panel" data-testid="diagnostics">
      <h2>Diagnostics</h2>
      {d.conformal ? <CoverageTable conformal={d.conformal} quantileCoverage={d.conformal.quantileModel} /> : <p className="muted">No intervals: a direction model forecasts a probability, not a return.</p>}
      <DriftChart drift={d.drift} />
      <LearningCurves curves={d.learningCurves} />
    </section>
  );
}
