import type { RunReport } from '../state/labState';
import { day, fmt, pct } from './format';

export function ForecastMetricsTable({ report }: { report: RunReport }) {
  const naive = report.baselines.naive;
  return (
    <table className="metrics" data-testid="metrics-table">
      <caption>Out-of-sample forecast metrics ({report.metrics.n} test samples, {report.folds.length} folds)</caption>
      <thead>
        <tr>
          <th>model</th>
          <th>RMSE</th>
          <th>MAE</th>
          <th>directional accuracy</th>
        </tr>
      </thead>
      <tbody>
        <tr data-testid="metrics-model">
          <td>{String(report.model.type)}</td>
          <td>{fmt(report.metrics.rmse, 5)}</td>
          <td>{fmt(report.metrics.mae, 5)}</td>
          <td>{pct(report.metrics.directionalAccuracy)}</td>
        </tr>
        {naive ? (
          <tr data-testid="metrics-naive">
            <td>naive (zero return)</td>
            <td>{fmt(naive.rmse, 5)}</td>
            <td>{fmt(naive.mae, 5)}</td>
            <td>{pct(naive.directionalAccuracy)}</td>
          </tr>
        ) : null}
      </tbody>
    </table>
  );
}

export function TradingMetricsTable({ report }: { report: RunReport }) {
  const { strategy, buyAndHold } = report.backtest;
  const rows: [string, (m: typeof strategy) => string][] = [
    ['total return', (m) => pct(m.totalReturn)],
    ['CAGR', (m) => pct(m.cagr)],
    ['Sharpe', (m) => fmt(m.sharpe, 2)],
    ['Sortino', (m) => fmt(m.sortino, 2)],
    ['max drawdown', (m) => pct(m.maxDrawdown)],
    ['annual volatility', (m) => pct(m.annualVolatility)],
    ['trades', (m) => String(m.trades)],
    ['exposure', (m) => pct(m.exposure)],
  ];
  return (
    <table className="metrics" data-testid="backtest-table">
      <caption>
        Backtest {day(report.backtest.start)} → {day(report.backtest.end)}, {report.backtest.periodsPerYear} periods/year, fee{' '}
        {report.backtest.feeBps} bps, executed at the next bar's {report.backtest.execution}
      </caption>
      <thead>
        <tr>
          <th>metric</th>
          <th>strategy</th>
          <th>buy and hold</th>
        </tr>
      </thead>
      <tbody>
        {rows.map(([label, get]) => (
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
            <td>{(f.trainMs / 1000).toFixed(1)} s</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
