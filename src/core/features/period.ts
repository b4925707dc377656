/** Shared argument check for window-based indicators. */
export function checkPeriod(indicator: string, period: number): void {
  if (!Number.isInteger(period) || period < 1) {
    throw new Error(`${indicator}: period must be an integer >= 1, got ${period}`);
  }
}
