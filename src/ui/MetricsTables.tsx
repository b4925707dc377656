import type { RunReport } from '../state/labState';
import { day, fmt, pct } from './format';

const BASELINE_LABELS: Record<string, string> = {
  naive: 'naive (zero return)',
  drift: 'drift (mean training return)',
  seasonalNaive: 'seasonal naive (7 bars ago)',
  ridge: 'ridge (same features)',
};

export function ForecastMetricsTable({ report }: { report: RunReport }) {
  const rows: [string, string, RunReport['metrics']][] = [
    ['metrics-model', String(report.model.type), report.metrics],
    ...Object.entries(report.baselines).map(([name, m]): [string, string, RunReport['metrics']] => [`metrics-${name}`, BASELINE_LABELS[name] ?? name, m]),
  ];
  const dm = report.tests.dieboldMariano;
  return (
    <div>
      <table className="metrics" data-testid="metrics-table">
        <caption>Out-of-sample forecasts ({report.metrics.n} test samples, {report.folds.length} folds) against baselines</caption>
        <thead>
          <tr>
            <th>model</th>
            <th>RMSE</th>
            <th>MAE</th>
            <th>MASE</th>
            <th>sMAPE</th>
            <th>R²</th>
            <th>hit rate</th>
          </tr>
        </thead>
        <tbody>
          {rows.map(([testId, label, m]) => (
            <tr key={testId} data-testid={testId}>
              <td>{label}</td>
              <td>{fmt(m.rmse, 5)}</td>
              <td>{fmt(m.mae, 5)}</td>
              <td>{fmt(m.mase, 3)}</td>
              <td>{fmt(m.smape, 3)}</td>
              <td>{fmt(m.r2, 4)}</td>
              <td>{pct(m.directionalAccuracy)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <p className={dm.verdict === 'beats' ? 'verdict good' : 'verdict'} data-testid="dm-verdict">
        The model {dm.sentence}.
      </p>
      {report.tests.divergence ? (
        <p className="verdict bad" data-testid="divergence-verdict">
          Training diverged: {report.tests.divergence.sentence}.
        </p>
      ) : null}
    </div>
  );
}

/** Path targets: the model against the naive and ridge baselines at every step ahead. */
export function StepMetricsTable({ steps }: { steps: NonNullable<RunReport['byStep']> }) {
  return (
    <table className="metrics" data-testid="steps-table">
      <caption>Direct multi-output: out-of-sample error by step ahead (the table above scores step 1, the next bar)</caption>
      <thead>
        <tr>
          <th>bars ahead</th>
          <th>model RMSE</th>
          <th>naive RMSE</th>
          <th>ridge RMSE</th>
          <th>model R²</th>
          <th>model hit rate</th>
        </tr>
      </thead>
      <tbody>
        {steps.map((s) => (
          <tr key={s.step}>
            <td>{s.step}</td>
            <td>{fmt(s.metrics.rmse, 5)}</td>
            <td>{fmt(s.baselines.naive?.rmse, 5)}</td>
            <td>{fmt(s.baselines.ridge?.rmse, 5)}</td>
            <td>{fmt(s.metrics.r2, 4)}</td>
            <td>{pct(s.metrics.directionalAccuracy)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

type Trading = RunReport['backtest']['strategy'];
const TEARSHEET_ROWS: [string, (m: Trading) => string][] = [
  ['total return', (m) => pct(m.totalReturn)],
  ['CAGR', (m) => pct(m.cagr)],
  ['annual volatility', (m) => pct(m.annualVolatility)],
  ['Sharpe', (m) => fmt(m.sharpe, 2)],
  ['Sortino', (m) => fmt(m.sortino, 2)],
  ['Calmar', (m) => fmt(m.calmar, 2)],
  ['max drawdown', (m) => pct(m.maxDrawdown)],
  ['max drawdown peak → trough', (m) => (m.maxDrawdownStart && m.maxDrawdownTrough ? `${day(m.maxDrawdownStart)} → ${day(m.maxDrawdownTrough)}` : '—')],
  ['recovered', (m) => (m.maxDrawdownRecovery ? day(m.maxDrawdownRecovery) : m.maxDrawdownStart ? 'not yet' : '—')],
  ['longest drawdown', (m) => (m.longestDrawdownDays === null ? '—' : `${m.longestDrawdownDays} days`)],
  ['VaR 95% (historical)', (m) => pct(m.var95, 2)],
  ['CVaR 95%', (m) => pct(m.cvar95, 2)],
  ['hit rate', (m) => pct(m.hitRate)],
  ['profit factor', (m) => fmt(m.profitFactor, 2)],
  ['payoff ratio', (m) => fmt(m.payoffRatio, 2)],
  ['exposure', (m) => pct(m.exposure)],
  ['trades', (m) => String(m.trades)],
  ['skew', (m) => fmt(m.skewness, 2)],
  ['excess kurtosis', (m) => fmt(m.excessKurtosis, 2)],
  ['probabilistic Sharpe', (m) => pct(m.probabilisticSharpe)],
  ['deflated Sharpe', (m) => pct(m.deflatedSharpe)],
];

export function TradingMetricsTable({ report }: { report: RunReport }) {
  const { strategy, buyAndHold } = report.backtest;
  const b = report.backtest;
  return (
    <table className="metrics" data-testid="backtest-table">
      <caption>
        Tearsheet {day(b.start)} → {day(b.end)}: {b.rule}, {b.periodsPerYear} periods/year, fee {b.feeBps} bps + slippage {b.slippageBps}{' '}
        bps, executed at the next bar&apos;s {b.execution}; deflated Sharpe over {b.trials} configuration{b.trials === 1 ? '' : 's'} tried
      </caption>
      <thead>
        <tr>
          <th>metric</th>
          <th>strategy</th>
          <th>buy and hold</th>
        </tr>
      </thead>
      <tbody>
        {TEARSHEET_ROWS.map(([label, get]) => (
          <tr key={label}>
            <td>{label}</td>
            <td>{get(strategy)}</td>
            <td>{get(buyAndHold)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export function FoldsTable({ report }: { report: RunReport }) {
  return (
    <table className="metrics" data-testid="folds-table">
      <caption>Walk-forward folds (train and test dates inclusive)</caption>
      <thead>
        <tr>
          <th>fold</th>
          <th>train</th>
          <th>test</th>
          <th>RMSE model</th>
          <th>RMSE naive</th>
          <th>dir. acc.</th>
          <th>train time</th>
          <th>engine</th>
        </tr>
      </thead>
      <tbody>
        {report.folds.map((f) => (
          <tr key={f.index}>
            <td>{f.index + 1}</td>
            <td>
              {day(f.trainStart)} → {day(f.trainEnd)}
            </td>
            <td>
              {day(f.testStart)} → {day(f.testEnd)}
            </td>
            <td>{fmt(f.metrics.rmse, 5)}</td>
            <td>{fmt(f.baselines.naive?.rmse, 5)}</td>
            <td>{pct(f.metrics.directionalAccuracy)}</td>
            <td>{f.refit ? `${(f.trainMs / 1000).toFixed(1)} s` : 'reused'}</td>
            <td data-testid={`fold-engine-${f.index}`}>
              {f.engine ?? '—'}
              {f.diverged ? (
                <span className="badge diverged" title={f.diverged} data-testid={`fold-diverged-${f.index}`}>
                  diverged
                </span>
              ) : null}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
