/**
 * The notebook app itself in Chromium (part of `npm run bench`; alone: `npm run bench:app`): builds
 * the app, serves it, opens the demo notebook and measures from the page the wall time and the
 * main thread's long tasks (PerformanceObserver 'longtask': the longest one and the total blocking
 * time, the sum of each task's time over 50 ms) of: the idle load (plotly is preloaded then), a
 * full run, a rerun after a fee edit, and a rerun after one more test fold. Issue #9's goals: the
 * fee rerun at least 100x faster than the full run, no task over 50 ms.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type Page } from '@playwright/test';
import { build, preview } from 'vite';
import { longTasksSince, recordLongTasks, type LongTask } from '../e2e/longTasks';
import type { BenchResult } from './node';

const configFile = fileURLToPath(new URL('../vite.config.ts', import.meta.url));
// The browser the e2e tests use (playwright.config.ts, scripts/ensure-browser.mjs): Debian's, else Playwright's.
export const CHROMIUM = '/usr/bin/chromium';
export const ARGS = ['--no-sandbox', '--enable-unsafe-webgpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];
const RUN_TIMEOUT_MS = 20 * 60_000;
/** A phase's long tasks are collected until the page has had no long task for this long (charts draw one per task). */
const SETTLE_MS = 1_500;

export interface PhaseMeasurement {
  wallMs: number;
  longestTaskMs: number;
  totalBlockingTimeMs: number;
  longTasks: number;
  /** The run-cache line the phase ended on (cells and folds from the cache, folds trained). */
  cacheLine?: string;
}

function summarize(tasks: readonly LongTask[], wallMs: number, cacheLine?: string): PhaseMeasurement {
  return {
    wallMs,
    longestTaskMs: Math.max(0, ...tasks.map((t) => t.duration)),
    totalBlockingTimeMs: tasks.reduce((sum, t) => sum + Math.max(0, t.duration - 50), 0),
    longTasks: tasks.length,
    ...(cacheLine !== undefined ? { cacheLine } : {}),
  };
}

const pageNow = (page: Page) => page.evaluate(() => performance.now());

/** Waits until no long task has started for SETTLE_MS (the results' charts are drawn by then). */
async function settle(page: Page): Promise<void> {
  await page.waitForFunction(
    (quietMs) => {
      const tasks = (window as unknown as { longTasks: LongTask[] }).longTasks;
      const last = tasks[tasks.length - 1];
      return performance.now() - (last ? last.start + last.duration : 0) > quietMs;
    },
    SETTLE_MS,
    { timeout: 60_000, polling: 250 },
  );
}

/** One run: press Run, wait for the new run's cache line (results shown); long tasks until the page settles. */
export async function measureRun(page: Page): Promise<PhaseMeasurement> {
  const line = page.getByTestId('run-cache');
  const before = (await line.count()) ? await line.textContent() : null;
  const start = await pageNow(page);
  await page.getByTestId('run').click();
  await page.waitForFunction(
    (previous) => {
      const text = document.querySelector('[data-testid="run-cache"]')?.textContent ?? null;
      const error = document.querySelector('[data-testid="run-error"]')?.textContent;
      if (error) throw new Error(`the run failed: ${error}`);
      return text !== null && text !== previous;
    },
    before,
    { timeout: RUN_TIMEOUT_MS, polling: 100 },
  );
  const wallMs = (await pageNow(page)) - start;
  await settle(page);
  return summarize(await longTasksSince(page, start), wallMs, (await line.innerText()).trim());
}

/** The page's load until plotly (preloaded in stages in idle time, src/ui/charts/plotlyLoader.ts) is evaluated, warmed up, and the page is quiet again. */
export async function measureLoad(page: Page, notebook: string): Promise<PhaseMeasurement & { plotlyEvaluateMs: number; plotlyLoadMs: number }> {
  await page.goto(`/?notebook=${notebook}`);
  await page.getByTestId('notebook-title').waitFor();
  await page.waitForFunction(() => performance.getEntriesByName('plotly:warm').length > 0, undefined, { timeout: 60_000 });
  await settle(page);
  const wallMs = await pageNow(page);
  const tasks = await longTasksSince(page, 0);
  const [from, to] = await page.evaluate(() => ['plotly:load', 'plotly:warm'].map((name) => performance.getEntriesByName(name)[0]?.startTime ?? NaN));
  // plotly's evaluation and warm-up draws: the longest task while its stages run (0 when none was over 50 ms).
  const during = tasks.filter((t) => t.start + t.duration >= from! && t.start <= to!);
  return { ...summarize(tasks, wallMs), plotlyEvaluateMs: Math.max(0, ...during.map((t) => t.duration)), plotlyLoadMs: to! - from! };
}

function phaseResults(notebook: string, name: string, m: PhaseMeasurement, detail: Record<string, unknown>): BenchResult[] {
  const all = { ...m, ...detail };
  return [
    { name: `app.${notebook}.${name}.wall`, value: m.wallMs, unit: 'ms', detail: all },
    { name: `app.${notebook}.${name}.longestTask`, value: m.longestTaskMs, unit: 'ms', detail: { goalMs: 50 } },
    { name: `app.${notebook}.${name}.totalBlockingTime`, value: m.totalBlockingTimeMs, unit: 'ms' },
  ];
}

export interface OpenApp {
  page: Page;
  browser: Browser;
  url: string;
  close(): Promise<void>;
}

/** Builds the app (unminified for readable profiles), serves it and opens a page that records long tasks. */
export async function openApp(options: { minify: boolean }): Promise<OpenApp> {
  await build({ configFile, logLevel: 'warn', ...(options.minify ? {} : { build: { minify: false } }) });
  const server = await preview({ configFile, preview: { port: 0, host: '127.0.0.1', strictPort: false } });
  const close = () => new Promise<void>((resolve) => server.httpServer.close(() => resolve()));
  const url = server.resolvedUrls?.local[0];
  if (!url) {
    await close();
    throw new Error('the app preview server gave no URL');
  }
  const browser = await chromium.launch({ ...(existsSync(CHROMIUM) ? { executablePath: CHROMIUM } : {}), args: ARGS });
  const page = await browser.newPage({ baseURL: url, viewport: { width: 1400, height: 1000 } });
  await recordLongTasks(page);
  return { page, browser, url, close: async () => (await browser.close(), await close()) };
}

/** The fee edit of the benchmark: only the backtest reruns. */
export const editFee = (page: Page) => page.getByTestId('cell-backtest').getByLabel('feeBps').fill('25');

/** 30 more bars (the walk-forward's step) add one test fold at the end; the others come from the cache. */
export async function addOneFold(page: Page): Promise<void> {
  const bars = page.getByTestId('cell-data').getByLabel('bars');
  await bars.fill(String(Number(await bars.inputValue()) + 30));
}

/** `notebook`: a built-in's id (`BENCH_APP_NOTEBOOK=tiny` gives a quick check of the benchmark itself). */
export async function appBenchmarks(log: (line: string) => void, notebook = process.env.BENCH_APP_NOTEBOOK ?? 'demo'): Promise<{ results: BenchResult[]; environment: Record<string, unknown> }> {
  log('app: building the app (vite build)');
  const { page, browser, url, close } = await openApp({ minify: true });
  try {
    page.on('pageerror', (e) => log(`app page error: ${e.message}`));
    log(`app: ${browser.version()} at ${url}, notebook ${notebook}`);

    const load = await measureLoad(page, notebook);
    log(`app: idle load ${JSON.stringify(load)}`);
    const full = await measureRun(page);
    log(`app: full run ${JSON.stringify(full)}`);
    const backend = (await page.getByTestId('run-meta').innerText()).trim();

    await editFee(page);
    const fee = await measureRun(page);
    log(`app: fee rerun ${JSON.stringify(fee)}`);

    await addOneFold(page);
    const fold = await measureRun(page);
    log(`app: one more fold ${JSON.stringify(fold)}`);

    const speedup = fee.wallMs > 0 ? full.wallMs / fee.wallMs : null;
    return {
      results: [
        ...phaseResults(notebook, 'idleLoad', load, { note: 'navigation until plotly (preloaded in idle time) is evaluated and the page is quiet' }),
        { name: `app.${notebook}.idleLoad.plotlyEvaluate`, value: load.plotlyEvaluateMs, unit: 'ms', detail: { note: 'the longest long task while plotly loads and warms up (its stages, each a task of its own in idle time); 0: none over 50 ms', loadMs: load.plotlyLoadMs } },
        ...phaseResults(notebook, 'fullRun', full, {}),
        ...phaseResults(notebook, 'feeRerun', fee, { feeBps: '10 -> 25' }),
        ...phaseResults(notebook, 'oneMoreFold', fold, { bars: '+30 (one walk-forward step)' }),
        { name: `app.${notebook}.feeRerun.speedup`, value: speedup ?? NaN, unit: 'x', detail: { goal: 100 } },
      ],
      environment: { chromium: browser.version(), notebook, runMeta: backend, url },
    };
  } finally {
    await close();
  }
}
