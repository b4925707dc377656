/**
 * plotly (4.6 MB) is fetched and evaluated once, while the page is idle after its first paint,
 * so the first chart does not wait for it; and charts draw one per task, so the first results
 * (ten charts at once) do not add up to one long freeze of the page.
 */
import type * as PlotlyNamespace from 'plotly.js-finance-dist-min';

export type PlotlyModule = typeof PlotlyNamespace;

let plotlyPromise: Promise<PlotlyModule> | null = null;

export function loadPlotly(): Promise<PlotlyModule> {
  plotlyPromise ??= import('plotly.js-finance-dist-min').then(
    (m) => (m as { default?: PlotlyModule }).default ?? m,
    (error: unknown) => {
      plotlyPromise = null; // a failed download is tried again by the next chart
      throw error;
    },
  );
  return plotlyPromise;
}

/** plotly if it is loaded or loading, else null (nothing to clean up with). */
export function loadedPlotly(): Promise<PlotlyModule> | null {
  return plotlyPromise;
}

/** Starts loading plotly when the page is next idle (at the latest after `timeoutMs`). */
export function preloadPlotly(timeoutMs = 3_000): void {
  const start = () => void loadPlotly().catch(() => undefined);
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
