import { useMemo } from 'react';
import { PlotlyChart } from './charts/PlotlyChart';
import { candleTraces } from './charts/traces';
import { thinCandles } from './charts/thinCandles';
import { CacheSummary } from './CacheSummary';
import { ColumnSummary } from './ColumnSummary';
import { ExplainPanel } from './explain/ExplainPanel';
import { useLabState } from './LabContext';
import { DiagnosticsPanel } from './diagnostics/DiagnosticsPanel';
import { FoldsTable, ForecastMetricsTable, StepMetricsTable, TradingMetricsTable } from './MetricsTables';
import { BacktestCharts, EvaluationCharts } from './ResultCharts';
import { DownloadReport } from './report/DownloadReport';

const CANDLE_LAYOUT = { xaxis: { rangeslider: { visible: false } } };
/** More candles than this are merged (a chart is ~1,300 px wide): plotly styles each candle, ~0.1 ms apiece. */
const MAX_CANDLES = 500;

export function DatasetPanel() {
  const dataset = useLabState((s) => s.dataset);
  const shown = useMemo(() => (dataset ? thinCandles(dataset.candles, MAX_CANDLES) : null), [dataset]);
  const traces = useMemo(() => (shown ? candleTraces(shown.candles) : null), [shown]);
  if (!dataset || !shown || !traces) return null;
  return (
    <section className="panel" data-testid="dataset-panel">
      <h2>
        Data: {dataset.name} {dataset.synthetic ? <span className="badge synthetic">synthetic</span> : null}
      </h2>
      <p className="muted" data-testid="dataset-info">
        {dataset.rows} bars · content hash {dataset.hash.slice(0, 12)}…
      </p>
      {dataset.notes.length > 0 ? (
        <ul className="notes" data-testid="dataset-notes">
          {dataset.notes.map((note) => (
            <li key={note}>{note}</li>
          ))}
        </ul>
      ) : null}
      <PlotlyChart testId="chart-candles" title={shown.barsPerCandle > 1 ? `Price (candles, ${shown.barsPerCandle} bars each)` : 'Price (candles)'} data={traces} layout={CANDLE_LAYOUT} />
      <ColumnSummary />
    </section>
  );
}

export function Results() {
  const result = useLabState((s) => s.result);
  if (!result) return null;
  const { report, series } = result;
  const seconds = (report.timings.totalMs ?? 0) / 1000;
  return (
    <>
      <section className="panel" data-testid="results">
        <h2>Forecast evaluation</h2>
        <p className="muted" data-testid="run-meta">
          {result.restored ? 'Restored from this browser’s storage: ' : ''}run of {new Date(result.createdAt).toLocaleString()} on {report.backend.name}, seed{' '}
          {report.seed}, data {report.data.hash.slice(0, 12)}…{seconds > 0 ? `, ${seconds.toFixed(1)} s` : ''}
        </p>
        {report.reproducibility ? <p className="muted" data-testid="reproducibility">{report.reproducibility.sentence}</p> : null}
        <DownloadReport />
        <CacheSummary report={report} />
        <ForecastMetricsTable report={report} />
        {report.byStep ? <StepMetricsTable steps={report.byStep} /> : null}
        <EvaluationCharts report={report} series={series} />
        <FoldsTable report={report} />
      </section>
      <DiagnosticsPanel report={report} />
      <section className="panel" data-testid="backtest">
        <h2>Backtest</h2>
        <TradingMetricsTable report={report} />
        <BacktestCharts report={report} series={series} />
      </section>
      <ExplainPanel />
    </>
  );
}
