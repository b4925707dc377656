import { useMemo, useState } from 'react';
import type { RunReport, RunSeries } from '../state/labState';
import { selectExplainDate } from '../state/explainView';
import { sweepHoldoutFolds } from '../state/sweepState';
import { useLabState } from './LabContext';
import { PlotlyChart } from './charts/PlotlyChart';
import {
  distributionTraces,
  drawdownTraces,
  equityTraces,
  foldBoundaryLayout,
  foldMetricTraces,
  FOLD_TIMELINE_LAYOUT,
  foldTimelineTraces,
  forecastTraces,
  monthlyHeatmapTraces,
  MONTHLY_LAYOUT,
  rollingSharpeTraces,
  STEP_LAYOUT,
  stepMetricTraces,
  varMarkerLayout,
} from './charts/traces';

const PERCENT_AXIS = { yaxis: { tickformat: '.0%' } };
const GROUPED = { barmode: 'group' as const };

export function EvaluationCharts({ report, series }: { report: RunReport; series: RunSeries }) {
  const holdoutFolds = useLabState((s) => sweepHoldoutFolds(s.doc, report.folds.length));
  const timeline = useMemo(() => foldTimelineTraces(report.folds, holdoutFolds), [report, holdoutFolds]);
  const foldMetrics = useMemo(
    () =>
      foldMetricTraces(
        report.folds.map((f) => ({
          index: f.index,
          model: f.metrics.rmse,
          baselines: Object.fromEntries(Object.entries(f.baselines).map(([name, m]) => [name, m.rmse])),
        })),
      ),
    [report],
  );
  const steps = useMemo(
    () =>
      report.byStep
        ? stepMetricTraces(
            report.byStep.map((s) => ({
              step: s.step,
              model: s.metrics.rmse,
              baselines: Object.fromEntries(Object.entries(s.baselines).map(([name, m]) => [name, m.rmse])),
            })),
          )
        : null,
    [report],
  );
  const forecast = useMemo(() => forecastTraces(series.forecast), [series]);
  const boundaries = useMemo(() => ({ ...foldBoundaryLayout(series.forecast.foldStarts), hovermode: 'x' as const }), [series]);
  return (
    <>
      <PlotlyChart testId="chart-folds" title={`Walk-forward folds: train | embargo | purge | test${holdoutFolds > 0 ? ' | hold-out' : ''} (hover for rows and dates)`} data={timeline} layout={FOLD_TIMELINE_LAYOUT} height={60 + 28 * report.folds.length} />
      <PlotlyChart testId="chart-forecast" title="Out-of-sample forecast vs actual, conformal intervals shaded (dotted lines: fold starts)" data={forecast} layout={boundaries} onClick={selectExplainDate} />
      <PlotlyChart testId="chart-fold-metrics" title="RMSE per fold: model vs baselines" data={foldMetrics} layout={GROUPED} />
      {steps ? <PlotlyChart testId="chart-steps" title="Out-of-sample RMSE by step ahead: model vs baselines" data={steps} layout={STEP_LAYOUT} height={280} /> : null}
    </>
  );
}

export function BacktestCharts({ report, series }: { report: RunReport; series: RunSeries }) {
  const [logScale, setLogScale] = useState(false);
  const equity = useMemo(() => equityTraces(series.equity), [series]);
  const equityLayout = useMemo(() => ({ yaxis: { type: logScale ? ('log' as const) : ('linear' as const) } }), [logScale]);
  const drawdown = useMemo(() => drawdownTraces(series.equity), [series]);
  const monthly = useMemo(() => monthlyHeatmapTraces(series.monthly), [series]);
  const rolling = useMemo(() => rollingSharpeTraces(series.equity), [series]);
  const distribution = useMemo(() => distributionTraces(series.equity.strategyReturns), [series]);
  const varLayout = useMemo(() => ({ ...varMarkerLayout(report.backtest.strategy.var95), xaxis: { tickformat: '.1%' } }), [report]);
  return (
    <>
      <label className="toggle">
        <input type="checkbox" data-testid="equity-log" checked={logScale} onChange={(e) => setLogScale(e.target.checked)} /> log scale
      </label>
      <PlotlyChart testId="chart-equity" title="Equity: strategy vs buy and hold" data={equity} layout={equityLayout} />
      <PlotlyChart testId="chart-drawdown" title="Underwater: drawdown from the running peak" data={drawdown} layout={PERCENT_AXIS} height={240} />
      <PlotlyChart testId="chart-monthly" title="Monthly returns of the strategy" data={monthly} layout={MONTHLY_LAYOUT} height={80 + 40 * series.monthly.years.length} />
      <PlotlyChart testId="chart-rolling-sharpe" title={`Rolling ${series.equity.rollingWindow}-period Sharpe`} data={rolling} height={240} />
      <PlotlyChart testId="chart-distribution" title="Distribution of period returns (dashed: historical VaR 95%)" data={distribution} layout={varLayout} height={260} />
    </>
  );
}
