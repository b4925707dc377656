/**
 * plotly (a partial bundle: plotlyBundle.ts) is fetched and evaluated once, in stages while the page
 * is idle after its first paint, so the first chart does not wait for it and no stage is a long
 * task; and charts draw one per task, so the first results (ten charts at once) do not add up to one
 * long freeze of the page.
 */
import type * as PlotlyNamespace from 'plotly.js';
import { loadPlotlyBundle } from './plotlyBundle';
import { warmUpPlotly } from './plotlyWarmUp';

export type PlotlyModule = typeof PlotlyNamespace;

let plotlyPromise: Promise<PlotlyModule> | null = null;

/** Resolves when the page is next idle (or after a task where idle callbacks do not exist). */
const whenIdle = () =>
  new Promise<void>((resolve) => {
    if (typeof requestIdleCallback === 'function') requestIdleCallback(() => resolve(), { timeout: 200 });
    else setTimeout(resolve, 0);
  });

/** The marks time the load in the page's performance timeline (bench/app.ts reads them). */
async function loadMarked(): Promise<PlotlyModule> {
  performance.mark('plotly:load');
  const Plotly = await loadPlotlyBundle(whenIdle);
  performance.mark('plotly:loaded');
  // A chart that asks meanwhile draws at once; the warm-up then only finds its code compiled.
  void warmUpPlotly(Plotly, whenIdle).then(() => performance.mark('plotly:warm'), () => undefined);
  return Plotly;
}

export function loadPlotly(): Promise<PlotlyModule> {
  plotlyPromise ??= loadMarked().catch((error: unknown) => {
    plotlyPromise = null; // a failed download is tried again by the next chart
    throw error;
  });
  return plotlyPromise;
}

/** plotly if it is loaded or loading, else null (nothing to clean up with). */
export function loadedPlotly(): Promise<PlotlyModule> | null {
  return plotlyPromise;
}

/** Starts loading plotly when the page is next idle (at the latest after `timeoutMs`). */
export function preloadPlotly(timeoutMs = 3_000): void {
  const start = () => void loadPlotly().catch((e: unknown) => console.warn('plotly preload failed', e));
  if (typeof requestIdleCallback === 'function') requestIdleCallback(start, { timeout: timeoutMs });
  else setTimeout(start, 0);
}

const queue: (() => Promise<unknown>)[] = [];
let draining = false;

const nextTask = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

async function drain(): Promise<void> {
  draining = true;
  try {
    for (let job = queue.shift(); job; job = queue.shift()) {
      await nextTask();
      await job().catch(() => undefined);
    }
  } finally {
    draining = false;
  }
}

/** Runs `draw` in a task of its own, after the draws queued before it. Its promise settles with the draw. */
export function drawInTurn<T>(draw: () => Promise<T> | T): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    queue.push(async () => {
      try {
        resolve(await draw());
      } catch (error) {
        reject(error);
      }
    });
    if (!draining) void drain();
  });
}
