/**
 * Ends the current task so the page can paint and handle input. The runner prepares each fold
 * (scaling, windows, baseline fits: tens of ms) on the page's thread between worker calls;
 * yielding between those steps keeps every task short while a model trains.
 */
export const nextTask = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0));
