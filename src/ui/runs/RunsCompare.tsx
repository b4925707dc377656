import type { ComparedRun } from '../../state/runsState';
import { PlotlyChart } from '../charts/PlotlyChart';
import { equityOverlayTraces, foldErrorTraces } from '../charts/compareTraces';
import { fmt, pct } from '../format';
import { changesText, runLabel } from './RunsPanel';

const ROWS: { label: string; value: (r: ComparedRun) => string }[] = [
  { label: 'RMSE', value: (r) => fmt(r.entry.report.metrics.rmse, 5) },
  { label: 'MAE', value: (r) => fmt(r.entry.report.metrics.mae, 5) },
  { label: 'directional accuracy', value: (r) => pct(r.entry.report.metrics.directionalAccuracy) },
  { label: 'Sharpe', value: (r) => fmt(r.entry.report.backtest.strategy.sharpe, 2) },
  { label: 'max drawdown', value: (r) => pct(r.entry.report.backtest.strategy.maxDrawdown) },
  { label: 'total return', value: (r) => pct(r.entry.report.backtest.strategy.totalReturn) },
  { label: 'fee (bps)', value: (r) => String(r.entry.report.backtest.feeBps) },
  { label: 'configurations counted (trials)', value: (r) => String(r.entry.report.backtest.trials) },
  { label: 'backend', value: (r) => r.entry.report.backend.name },
  { label: 'seed', value: (r) => String(r.entry.report.seed) },
  { label: 'data hash', value: (r) => r.entry.report.data.hash.slice(0, 12) },
  { label: 'notebook hash', value: (r) => r.entry.notebookHash.slice(0, 12) },
];

/** Two or more runs side by side: metrics, what changed between them, equity curves overlaid, forecast error by fold. */
export function RunsCompare({ runs, onClose }: { runs: readonly ComparedRun[]; onClose: () => void }) {
  const label = (r: ComparedRun) => runLabel(r.entry);
  return (
    <div data-testid="runs-compare-view" className="runs-compare">
      <button data-testid="runs-compare-close" onClick={onClose}>
        Close comparison
      </button>
      <table data-testid="runs-compare-metrics">
        <thead>
          <tr>
            <th />
            {runs.map((r) => (
              <th key={r.entry.id}>{label(r)}</th>
            ))}
          </tr>
        </thead>
        <tbody>
          {ROWS.map((row) => (
            <tr key={row.label}>
              <td>{row.label}</td>
              {runs.map((r) => (
                <td key={r.entry.id}>{row.value(r)}</td>
              ))}
            </tr>
          ))}
          <tr>
            <td>changed from the run before (in this list)</td>
            {runs.map((r, i) => (
              <td key={r.entry.id} data-testid={`runs-compare-diff-${i}`}>
                {i === 0 ? '—' : changesText(r.changes)}
              </td>
            ))}
          </tr>
        </tbody>
      </table>
      <PlotlyChart
        testId="runs-compare-equity"
        title="Strategy equity, each run"
        data={equityOverlayTraces(runs.map((r) => ({ label: label(r), time: r.series.equity.time, strategy: r.series.equity.strategy })))}
        layout={{ xaxis: { type: 'date' } }}
      />
      <PlotlyChart
        testId="runs-compare-fold-error"
        title="Forecast RMSE by fold, each run"
        data={foldErrorTraces(runs.map((r) => ({ label: label(r), folds: r.entry.report.folds.map((f) => ({ index: f.index, rmse: f.metrics.rmse })) })))}
        layout={{ xaxis: { title: { text: 'fold' } }, yaxis: { title: { text: 'RMSE' } } }}
      />
    </div>
  );
}
