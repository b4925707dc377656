import { useMemo } from 'react';
import { PlotlyChart } from './charts/PlotlyChart';
import { candleTraces, equityTraces, foldBoundaryLayout, forecastTraces } from './charts/traces';
import { ColumnSummary } from './ColumnSummary';
import { useLabState } from './LabContext';
import { FoldsTable, ForecastMetricsTable, TradingMetricsTable } from './MetricsTables';

const CANDLE_LAYOUT = { xaxis: { rangeslider: { visible: false } } };

export function DatasetPanel() {
  const dataset = useLabState((s) => s.dataset);
  const traces = useMemo(() => (dataset ? candleTraces(dataset.candles) : null), [dataset]);
  if (!dataset || !traces) return null;
  return (
    <section className="panel" data-testid="dataset-panel">
      <h2>
        Data: {dataset.name} {dataset.synthetic ? <span className="badge synthetic">synthetic</span> : null}
      </h2>
      <p className="muted" data-testid="dataset-info">
        {dataset.rows} bars · content hash {dataset.hash.slice(0, 12)}…
      </p>
      <PlotlyChart testId="chart-candles" title="Price (daily candles)" data={traces} layout={CANDLE_LAYOUT} />
      <ColumnSummary />
    </section>
  );
}

export function Results() {
  const result = useLabState((s) => s.result);
  const forecast = useMemo(() => (result ? forecastTraces(result.series.forecast) : null), [result]);
  const forecastLayout = useMemo(() => (result ? foldBoundaryLayout(result.series.forecast.foldStarts) : undefined), [result]);
  const equity = useMemo(() => (result ? equityTraces(result.series.equity) : null), [result]);
  if (!result || !forecast || !equity) return null;
  const { report } = result;
  return (
    <section className="panel" data-testid="results">
      <h2>Results</h2>
      <p className="muted" data-testid="run-meta">
        {result.restored ? 'Restored from this browser’s storage: ' : ''}run of {new Date(result.createdAt).toLocaleString()} on{' '}
        {report.backend.name}, seed {report.seed}, data {report.data.hash.slice(0, 12)}…, {(report.timings.totalMs ?? 0) / 1000 > 0 ? `${((report.timings.totalMs ?? 0) / 1000).toFixed(1)} s` : ''}
      </p>
      <div className="tables">
        <ForecastMetricsTable report={report} />
        <TradingMetricsTable report={report} />
      </div>
      <PlotlyChart testId="chart-forecast" title="Out-of-sample forecast vs actual (dotted lines: fold starts)" data={forecast} {...(forecastLayout ? { layout: forecastLayout } : {})} />
      <PlotlyChart testId="chart-equity" title="Equity: strategy vs buy and hold" data={equity} />
      <FoldsTable report={report} />
    </section>
  );
}
