/**
 * Names each long main-thread task of the app benchmark's phases (`npx tsx bench/longTaskTrace.ts`):
 * builds the app unminified (readable function names), drives the same phases as bench/app.ts under
 * a Chromium performance trace with the V8 sampling profiler on, and prints, for every task over
 * 50 ms, its phase, its duration, the trace events that took its time (script evaluation, layout,
 * style, paint, GC) and the functions and scripts the profiler sampled most in it.
 * `BENCH_APP_NOTEBOOK=tiny` for a quick look; `TRACE_OUT=file.json` keeps the raw trace.
 */
import { writeFileSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { addOneFold, editFee, measureLoad, measureRun, openApp } from './app';
import { attributeLongTasks, type TraceEvent } from './traceAttribution';

const CATEGORIES = ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'v8.execute', 'blink.user_timing', 'disabled-by-default-v8.cpu_profiler', 'v8'];

const mark = (page: Page, name: string) => page.evaluate((n) => performance.mark(n), name);

async function main(): Promise<void> {
  const notebook = process.env.BENCH_APP_NOTEBOOK ?? 'demo';
  const { page, browser, close } = await openApp({ minify: false });
  try {
    await browser.startTracing(page, { categories: CATEGORIES });
    const load = await measureLoad(page, notebook);
    await mark(page, 'phase:fullRun');
    const full = await measureRun(page);
    await mark(page, 'phase:feeRerun');
    await editFee(page);
    const fee = await measureRun(page);
    await mark(page, 'phase:oneMoreFold');
    await addOneFold(page);
    const fold = await measureRun(page);
    const trace = await browser.stopTracing();
    if (process.env.TRACE_OUT) writeFileSync(process.env.TRACE_OUT, trace);
    const events = (JSON.parse(trace.toString('utf8')) as { traceEvents: TraceEvent[] }).traceEvents;
    process.stdout.write(`${JSON.stringify({ load, full, fee, fold })}\n`);
    for (const task of attributeLongTasks(events)) process.stdout.write(`${JSON.stringify(task)}\n`);
    const draws = await page.evaluate(() => performance.getEntriesByType('measure').map((m) => [m.name, Math.round(m.startTime), Math.round(m.duration)]));
    process.stdout.write(`chart draws [name, start, ms]: ${JSON.stringify(draws)}\n`);
  } finally {
    await close();
  }
}

await main();
