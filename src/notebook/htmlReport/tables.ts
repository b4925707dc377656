/** The report's tables: metrics against baselines, folds, the tearsheet, monthly returns, data. */
import type { ForecastMetricsReport, RunReport, RunSeries, TradingMetricsReport } from '../report';
import { escapeHtml, fmt, numberCell, pct } from './escape';

const day = (iso: string | null) => (iso ? iso.slice(0, 10) : '—');
const text = (value: string) => escapeHtml(value);

const FORECAST_COLUMNS: [keyof ForecastMetricsReport, string, (v: number | null) => string][] = [
  ['rmse', 'RMSE', (v) => fmt(v, 5)],
  ['mae', 'MAE', (v) => fmt(v, 5)],
  ['mase', 'MASE', (v) => fmt(v, 3)],
  ['smape', 'sMAPE', (v) => fmt(v, 3)],
  ['r2', 'R²', (v) => fmt(v, 4)],
  ['directionalAccuracy', 'hit rate', (v) => pct(v)],
];

export function metricsTable(report: RunReport): string {
  const rows: [string, string, ForecastMetricsReport][] = [
    ['model', `model (${String(report.model.type)})`, report.metrics],
    ...Object.entries(report.baselines).map(([name, m]): [string, string, ForecastMetricsReport] => [name, name, m]),
  ];
  const head = FORECAST_COLUMNS.map(([, label]) => `<th>${label}</th>`).join('');
  const body = rows
    .map(([key, label, m]) => `<tr data-row="${text(key)}"><td>${text(label)}</td>${FORECAST_COLUMNS.map(([metric, , show]) => numberCell(m[metric], show(m[metric]), `${key}.${metric}`)).join('')}</tr>`)
    .join('');
  return `<table data-table="metrics"><caption>Out-of-sample forecasts: ${report.metrics.n} test samples, ${report.folds.length} folds, against baselines</caption><thead><tr><th>model</th>${head}</tr></thead><tbody>${body}</tbody></table>`;
}

export function foldsTable(report: RunReport): string {
  const body = report.folds
    .map(
      (f) =>
        `<tr data-row="fold-${f.index}"><td>${f.index + 1}</td><td>${day(f.trainStart)} → ${day(f.trainEnd)}</td><td>${day(f.testStart)} → ${day(f.testEnd)}</td>` +
        numberCell(f.metrics.rmse, fmt(f.metrics.rmse, 5), `fold-${f.index}.rmse`) +
        numberCell(f.baselines.naive?.rmse, fmt(f.baselines.naive?.rmse, 5), `fold-${f.index}.naive.rmse`) +
        numberCell(f.metrics.directionalAccuracy, pct(f.metrics.directionalAccuracy), `fold-${f.index}.directionalAccuracy`) +
        `<td>${f.refit ? `${(f.trainMs / 1000).toFixed(1)} s` : 'reused'}</td><td>${text(f.engine ?? '—')}${f.diverged ? ` (diverged: ${text(f.diverged)})` : ''}</td></tr>`,
    )
    .join('');
  return `<table data-table="folds"><caption>Walk-forward folds (train and test dates inclusive)</caption><thead><tr><th>fold</th><th>train</th><th>test</th><th>RMSE model</th><th>RMSE naive</th><th>hit rate</th><th>train time</th><th>engine</th></tr></thead><tbody>${body}</tbody></table>`;
}

const TEARSHEET: [keyof TradingMetricsReport, string, (v: number | null) => string][] = [
  ['totalReturn', 'total return', (v) => pct(v)],
  ['cagr', 'CAGR', (v) => pct(v)],
  ['annualVolatility', 'annual volatility', (v) => pct(v)],
  ['sharpe', 'Sharpe', (v) => fmt(v, 2)],
  ['sortino', 'Sortino', (v) => fmt(v, 2)],
  ['calmar', 'Calmar', (v) => fmt(v, 2)],
  ['maxDrawdown', 'max drawdown', (v) => pct(v)],
  ['longestDrawdownDays', 'longest drawdown (days)', (v) => fmt(v, 0)],
  ['var95', 'VaR 95% (historical)', (v) => pct(v, 2)],
  ['cvar95', 'CVaR 95%', (v) => pct(v, 2)],
  ['hitRate', 'hit rate', (v) => pct(v)],
  ['profitFactor', 'profit factor', (v) => fmt(v, 2)],
  ['payoffRatio', 'payoff ratio', (v) => fmt(v, 2)],
  ['exposure', 'exposure', (v) => pct(v)],
  ['trades', 'trades', (v) => fmt(v, 0)],
  ['turnover', 'turnover', (v) => fmt(v, 2)],
  ['skewness', 'skew', (v) => fmt(v, 2)],
  ['excessKurtosis', 'excess kurtosis', (v) => fmt(v, 2)],
  ['probabilisticSharpe', 'probabilistic Sharpe', (v) => pct(v)],
  ['deflatedSharpe', 'deflated Sharpe', (v) => pct(v)],
];

export function tearsheetTable(report: RunReport): string {
  const b = report.backtest;
  const value = (m: TradingMetricsReport, key: keyof TradingMetricsReport) => {
    const v = m[key];
    return typeof v === 'number' ? v : null;
  };
  const body = TEARSHEET.map(
    ([key, label, show]) =>
      `<tr data-row="${key}"><td>${label}</td>${numberCell(value(b.strategy, key), show(value(b.strategy, key)), `strategy.${key}`)}${numberCell(value(b.buyAndHold, key), show(value(b.buyAndHold, key)), `buyAndHold.${key}`)}</tr>`,
  ).join('');
  const caption = `Tearsheet ${day(b.start)} → ${day(b.end)}: ${text(b.rule)}, ${b.periodsPerYear} periods/year, fee ${b.feeBps} bps + slippage ${b.slippageBps} bps, executed at the next bar's ${b.execution}; deflated Sharpe over ${b.trials} configuration${b.trials === 1 ? '' : 's'} tried`;
  return `<table data-table="tearsheet"><caption>${caption}</caption><thead><tr><th>metric</th><th>strategy</th><th>buy and hold</th></tr></thead><tbody>${body}</tbody></table>`;
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** Monthly returns as a coloured table (green up, red down): a heatmap without a chart library. */
export function monthlyTable(monthly: RunSeries['monthly']): string {
  const cell = (v: number | null) => {
    if (v === null) return '<td></td>';
    const alpha = Math.min(0.85, Math.abs(v) * 8 + 0.08).toFixed(2);
    const rgb = v >= 0 ? '46,160,67' : '214,57,57';
    return `<td style="background:rgba(${rgb},${alpha})">${pct(v)}</td>`;
  };
  const body = monthly.years.map((year, i) => `<tr><td>${year}</td>${(monthly.returns[i] ?? []).map(cell).join('')}</tr>`).join('');
  return `<table data-table="monthly" class="monthly"><caption>Monthly returns of the strategy</caption><thead><tr><th>year</th>${MONTHS.map((m) => `<th>${m}</th>`).join('')}</tr></thead><tbody>${body}</tbody></table>`;
}

export function dataSummary(report: RunReport): string {
  const d = report.data;
  const cleaning = Object.entries(d.cleaning)
    .filter(([, count]) => count > 0)
    .map(([issue, count]) => `${text(issue)}: ${count}`)
    .join(', ');
  const notes = d.notes.length ? `<ul>${d.notes.map((n) => `<li>${text(n)}</li>`).join('')}</ul>` : '';
  return (
    `<dl class="facts"><dt>data</dt><dd data-key="data.name">${text(d.name)}${d.synthetic ? ' (synthetic)' : ''}</dd>` +
    `<dt>bars</dt><dd data-key="data.rows" data-value="${d.rows}">${d.rows}</dd><dt>range</dt><dd>${day(d.start)} → ${day(d.end)}</dd>` +
    `<dt>content hash</dt><dd><code>${text(d.hash)}</code></dd><dt>features</dt><dd>${report.features.map(text).join(', ')}</dd>` +
    `<dt>target</dt><dd>${text(report.target)}</dd><dt>cleaning</dt><dd>${cleaning || 'no issues found'}</dd></dl>${notes}`
  );
}
