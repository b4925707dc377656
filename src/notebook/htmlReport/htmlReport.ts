/**
 * One self-contained HTML file from a run: opens offline in any browser, runs no script (its own
 * CSP forbids scripts and every request), and escapes every string that came from the notebook,
 * the data or the run. Charts are static SVG; exact numbers sit in `data-value` beside the
 * formatted ones, so a reader (or a test) can check them against the run report.
 */
import { notebookHash } from '../canonical';
import type { RunReport, RunSeries } from '../report';
import type { NotebookDoc } from '../schema';
import { escapeHtml, fmt, pct } from './escape';
import { barChartSvg, lineChartSvg } from './svgChart';
import { dataSummary, foldsTable, metricsTable, monthlyTable, tearsheetTable } from './tables';

export interface HtmlReportInput {
  report: RunReport;
  series: RunSeries;
  /** The notebook as it is now; the report says when it is not the one that ran (another hash). */
  notebook: NotebookDoc | null;
  /** Explanations of the model (feature attributions, ...), any JSON shape; the section is left out when absent. */
  explanations?: unknown;
  /** The notebook's share link, shown as text. */
  shareLink?: string;
  /** When the file was written (ISO); defaults to now. */
  generatedAt?: string;
}

const REPORT_POLICY = "default-src 'none'; style-src 'unsafe-inline'; img-src data:";

const STYLE = `body{font:14px/1.45 system-ui,sans-serif;margin:2rem auto;max-width:800px;color:#1d2433;padding:0 1rem}
h1{font-size:1.5rem}h2{font-size:1.15rem;margin-top:2rem;border-bottom:1px solid #d8dde6}
table{border-collapse:collapse;margin:.6rem 0 1rem;font-size:.85rem}caption{text-align:left;color:#5b6475;padding-bottom:.3rem}
th,td{border:1px solid #d8dde6;padding:.2rem .5rem;text-align:right}td:first-child,th:first-child{text-align:left}
.monthly td{text-align:center}.verdict{font-weight:600}.bad{color:#b3261e}.muted{color:#5b6475}
dl.facts{display:grid;grid-template-columns:9rem 1fr;gap:.2rem .8rem}dl.facts dd{margin:0;overflow-wrap:anywhere}
pre{background:#f5f7fa;padding:.6rem;overflow:auto;font-size:.78rem;white-space:pre-wrap;overflow-wrap:anywhere}
svg.chart{display:block;margin:.5rem 0 1rem;font-size:11px;max-width:100%;height:auto}
svg .grid{stroke:#e6e9ef}svg .tick{fill:#5b6475}svg .chart-title{font-weight:600;fill:#1d2433}`;

const BLUE = '#2f6fdf';
const GREY = '#8a93a6';
const ORANGE = '#e07b24';

function charts(report: RunReport, series: RunSeries): { evaluation: string; backtest: string } {
  const f = series.forecast;
  const e = series.equity;
  const forecast = lineChartSvg({
    title: 'Out-of-sample forecast vs actual',
    testId: 'forecast',
    time: f.time,
    series: [
      { name: 'actual', values: f.actual, color: GREY },
      { name: 'forecast', values: f.predicted, color: BLUE },
    ],
    format: (v) => fmt(v, 3),
  });
  const foldRmse = barChartSvg({
    title: 'RMSE per fold: model vs naive',
    testId: 'fold-rmse',
    categories: report.folds.map((fold) => String(fold.index + 1)),
    series: [
      { name: 'model', values: report.folds.map((fold) => fold.metrics.rmse), color: BLUE },
      { name: 'naive', values: report.folds.map((fold) => fold.baselines.naive?.rmse ?? null), color: GREY },
    ],
    format: (v) => fmt(v, 4),
  });
  const equity = lineChartSvg({
    title: 'Equity: strategy vs buy and hold',
    testId: 'equity',
    time: e.time,
    series: [
      { name: 'strategy', values: e.strategy, color: BLUE },
      { name: 'buy and hold', values: e.buyAndHold, color: GREY },
    ],
    format: (v) => fmt(v, 2),
  });
  const drawdown = lineChartSvg({
    title: 'Underwater: drawdown from the running peak',
    testId: 'drawdown',
    time: e.time,
    series: [
      { name: 'strategy', values: e.drawdown, color: BLUE },
      { name: 'buy and hold', values: e.buyAndHoldDrawdown, color: GREY, dashed: true },
    ],
    format: (v) => pct(v, 0),
    height: 200,
  });
  const rolling = lineChartSvg({
    title: `Rolling ${e.rollingWindow}-period Sharpe`,
    testId: 'rolling-sharpe',
    time: e.time,
    series: [{ name: 'strategy', values: e.rollingSharpe, color: ORANGE }],
    format: (v) => fmt(v, 1),
    height: 200,
  });
  return { evaluation: forecast + foldRmse, backtest: equity + drawdown + rolling };
}

/** Explanations in whatever shape they come: rows of flat records as a table, anything else as JSON text. */
function explanationsSection(value: unknown): string {
  if (value === undefined || value === null) return '';
  const rows = Array.isArray(value) && value.every((r) => r !== null && typeof r === 'object' && !Array.isArray(r)) ? (value as Record<string, unknown>[]) : null;
  let body: string;
  if (rows && rows.length > 0) {
    const columns = [...new Set(rows.flatMap((r) => Object.keys(r)))];
    const cell = (v: unknown) => (typeof v === 'number' ? `<td data-value="${escapeHtml(String(v))}">${escapeHtml(fmt(v, 4))}</td>` : `<td>${escapeHtml(typeof v === 'string' ? v : JSON.stringify(v) ?? '')}</td>`);
    body = `<table data-table="explanations"><thead><tr>${columns.map((c) => `<th>${escapeHtml(c)}</th>`).join('')}</tr></thead><tbody>${rows.map((r) => `<tr>${columns.map((c) => cell(r[c])).join('')}</tr>`).join('')}</tbody></table>`;
  } else {
    body = `<pre>${escapeHtml(JSON.stringify(value, null, 2).slice(0, 200_000))}</pre>`;
  }
  return `<h2>Explanations</h2>${body}`;
}

function recipeSection(report: RunReport, notebook: NotebookDoc | null, shareLink: string | undefined): string {
  if (!notebook) return `<h2>Notebook recipe</h2><p class="muted">The notebook document was not available; its hash is <code>${escapeHtml(report.notebookHash)}</code>.</p>`;
  const same = notebookHash(notebook) === report.notebookHash;
  const note = same
    ? `<p class="muted">The document that ran (hash <code>${escapeHtml(report.notebookHash)}</code>): with the same data and seed it gives the same numbers.</p>`
    : `<p class="bad">The notebook was edited after this run: the document below is the current one, not the one that ran (hash <code>${escapeHtml(report.notebookHash)}</code>).</p>`;
  const notes = notebook.cells
    .filter((c) => c.kind === 'markdown')
    .map((c) => `<pre data-cell="${escapeHtml(c.id)}">${escapeHtml(c.text)}</pre>`)
    .join('');
  const link = shareLink ? `<p>Share link: <code>${escapeHtml(shareLink)}</code></p>` : '';
  return `<h2>Notebook recipe</h2>${note}${link}${notes ? `<h3>Notes</h3>${notes}` : ''}<pre data-recipe>${escapeHtml(JSON.stringify(notebook, null, 2))}</pre>`;
}

export function buildHtmlReport(input: HtmlReportInput): string {
  const { report, series } = input;
  const dm = report.tests.dieboldMariano;
  const generatedAt = input.generatedAt ?? new Date().toISOString();
  const { evaluation, backtest } = charts(report, series);
  const versions = Object.entries(report.versions)
    .map(([k, v]) => `${escapeHtml(k)} ${escapeHtml(v)}`)
    .join(', ');
  const divergence = report.tests.divergence ? `<p class="verdict bad">Training diverged: ${escapeHtml(report.tests.divergence.sentence)}.</p>` : '';
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${REPORT_POLICY}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(report.title)}: run report</title>
<style>${STYLE}</style></head><body>
<h1 data-key="title">${escapeHtml(report.title)}</h1>
<p class="muted">Run report written ${escapeHtml(generatedAt.slice(0, 19).replace('T', ' '))} UTC · backend ${escapeHtml(report.backend.name)} (${escapeHtml(report.backend.reason)}) · seed ${report.seed} · ${versions}</p>${report.reproducibility ? `\n<p class="muted" data-key="reproducibility">${escapeHtml(report.reproducibility.sentence)}</p>` : ''}
<p class="verdict" data-key="dm-verdict" data-value="${escapeHtml(dm.verdict)}">The model ${escapeHtml(dm.sentence)}.</p>${divergence}
<h2>Data</h2>${dataSummary(report)}
<h2>Forecast evaluation</h2>${metricsTable(report)}${evaluation}${foldsTable(report)}
<h2>Backtest</h2>${tearsheetTable(report)}${backtest}${monthlyTable(series.monthly)}
${explanationsSection(input.explanations)}
${recipeSection(report, input.notebook, input.shareLink)}
<p class="muted">A static file: no script, nothing fetched. Model: ${escapeHtml(JSON.stringify(report.model))}.</p>
</body></html>
`;
}

/** A file name from the title: `btc-daily-lstm-report.html`. */
export function htmlReportFileName(title: string): string {
  const slug = title
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60);
  return `${slug || 'notebook'}-report.html`;
}
