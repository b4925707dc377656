import type { Page } from '@playwright/test';

export interface LongTask {
  start: number;
  duration: number;
}

/** Records every long task (> 50 ms on the page's main thread) from the first script on. */
export async function recordLongTasks(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const w = window as unknown as { longTasks: { start: number; duration: number }[] };
    w.longTasks = [];
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) w.longTasks.push({ start: entry.startTime, duration: entry.duration });
    }).observe({ type: 'longtask', buffered: true });
  });
}

export const longTasksSince = (page: Page, since: number): Promise<LongTask[]> =>
  page.evaluate((start) => (window as unknown as { longTasks: LongTask[] }).longTasks.filter((t) => t.start >= start), since);
