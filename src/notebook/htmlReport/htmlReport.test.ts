import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createLocalExecutor } from '../../ml/localExecutor';
import { loadDataCell, type DataCellSpec } from '../../sources/loadSource';
import { parseNotebook } from '../parse';
import type { RunReport } from '../report';
import { runNotebook, type RunResult } from '../runner';
import { buildHtmlReport, htmlReportFileName } from './htmlReport';
import { reducedIndices } from './svgChart';

const HOSTILE = '<img src=x onerror="window.__pwned=1"><script>window.__pwned=1</script>';
const tiny = JSON.parse(readFileSync(new URL('../../../public/notebooks/tiny.json', import.meta.url), 'utf8')) as { title: string; cells: { id: string; text?: string }[] };
tiny.title = `Tiny ${HOSTILE}`;
tiny.cells[0]!.id = `intro"><svg onload=window.__pwned=1>`;
tiny.cells[0]!.text = `Notes ${HOSTILE} [x](javascript:window.__pwned=1)`;
tiny.cells[5]!.id = `backtest</title><script>window.__pwned=1</script>`;
const doc = parseNotebook(tiny);

const ALLOWED_TAGS = new Set('html head meta title style body h1 h2 h3 p table caption thead tbody tr th td dl dt dd ul li pre code svg text g rect line path'.split(' '));

let run: RunResult | undefined;
async function tinyRun(): Promise<RunResult> {
  run ??= await runNotebook(doc, {
    executor: createLocalExecutor('cpu'),
    loadData: (data: DataCellSpec) => loadDataCell(data, { readCsvText: () => Promise.reject(new Error('no CSV here')) }),
    versions: { app: `1 ${HOSTILE}` },
  });
  return run;
}

/** Every number the report file states exactly: data-key -> data-value. */
function statedNumbers(html: string): Map<string, string> {
  return new Map([...html.matchAll(/data-key="([^"]+)" data-value="([^"]*)"/g)].map((m) => [m[1]!, m[2]!]));
}

function expectedNumbers(report: RunReport): Map<string, string> {
  const out = new Map<string, string>();
  const put = (key: string, v: number | null | undefined) => out.set(key, v === null || v === undefined ? 'null' : String(v));
  const forecast = ['rmse', 'mae', 'mase', 'smape', 'r2', 'directionalAccuracy'] as const;
  for (const m of forecast) put(`model.${m}`, report.metrics[m]);
  for (const [name, metrics] of Object.entries(report.baselines)) for (const m of forecast) put(`${name}.${m}`, metrics[m]);
  for (const f of report.folds) {
    put(`fold-${f.index}.rmse`, f.metrics.rmse);
    put(`fold-${f.index}.naive.rmse`, f.baselines.naive?.rmse);
    put(`fold-${f.index}.directionalAccuracy`, f.metrics.directionalAccuracy);
  }
  for (const side of ['strategy', 'buyAndHold'] as const) {
    for (const [key, value] of Object.entries(report.backtest[side])) if (typeof value === 'number' && key !== 'periods') put(`${side}.${key}`, value);
  }
  put('data.rows', report.data.rows);
  return out;
}

describe('the standalone HTML report', () => {
  it('escapes every user string, holds no script and no external reference, and states the report’s numbers', async () => {
    const { report, series } = await tinyRun();
    const html = buildHtmlReport({ report, series, notebook: doc, explanations: [{ feature: HOSTILE, importance: 0.25 }], shareLink: `https://x.example/#nb=${HOSTILE}`, generatedAt: '2026-01-01T00:00:00.000Z' });
    expect(html).not.toMatch(/<script/i);
    expect(html).not.toMatch(/url\(|@import/i);
    // The only http(s) text is the share link, escaped inside <code>, never an attribute.
    expect([...html.matchAll(/https?:\/\//g)]).toHaveLength(1);
    // Escaped text holds no '<', so this scan sees every real tag and only those.
    for (const tag of html.matchAll(/<([a-zA-Z][a-zA-Z0-9-]*)([^>]*)>/g)) {
      expect(ALLOWED_TAGS.has(tag[1]!.toLowerCase()), `<${tag[1]}>`).toBe(true);
      for (const attr of tag[2]!.matchAll(/\s([^\s=/>]+)(?:="[^"]*")?/g)) expect(attr[1]!.toLowerCase(), `<${tag[1]} ${attr[1]}>`).not.toMatch(/^on|^(src|href|xlink:href|action|srcset|poster|background)$/);
    }
    expect(html).toContain('Tiny &lt;img src=x onerror=&quot;window.__pwned=1&quot;&gt;&lt;script&gt;');
    expect(html).toContain('data-cell="intro&quot;&gt;&lt;svg onload=window.__pwned=1&gt;"');
    expect(html).toContain('backtest&lt;/title&gt;&lt;script&gt;');
    expect(html).toContain('<h2>Explanations</h2>');
    expect(html).toContain("Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; img-src data:\"");

    const stated = statedNumbers(html);
    const expected = expectedNumbers(report);
    expect(expected.size).toBeGreaterThan(60);
    for (const [key, value] of expected) expect(stated.get(key), key).toBe(value);
    expect(html).toContain(`data-key="dm-verdict" data-value="${report.tests.dieboldMariano.verdict}"`);
    for (const chart of ['forecast', 'fold-rmse', 'equity', 'drawdown', 'rolling-sharpe']) expect(html).toContain(`data-chart="${chart}"`);
    expect(html).toContain('The document that ran');
    console.log(`tiny run report: ${html.length} characters`);
  });

  it('says when the notebook changed after the run, and leaves explanations out when absent', async () => {
    const { report, series } = await tinyRun();
    const edited = { ...doc, seed: doc.seed + 1 };
    const html = buildHtmlReport({ report, series, notebook: edited });
    expect(html).toContain('The notebook was edited after this run');
    expect(html).not.toContain('Explanations');
    expect(buildHtmlReport({ report, series, notebook: null })).toContain('was not available');
  });

  it('reduces long series to bucket extremes, keeping the minimum and maximum', () => {
    const values = Array.from({ length: 100_000 }, (_, i) => Math.sin(i / 500) + (i === 54_321 ? -9 : 0));
    const kept = reducedIndices(values.length, [values]);
    expect(kept.length).toBeLessThanOrEqual(1_802);
    expect(kept).toContain(54_321);
    expect(kept[0]).toBe(0);
    expect(kept[kept.length - 1]).toBe(99_999);
  });

  it('names the file after the title', () => {
    expect(htmlReportFileName('BTC daily <LSTM>!')).toBe('btc-daily-lstm-report.html');
    expect(htmlReportFileName('<<>>')).toBe('notebook-report.html');
  });
});
