import type { SweepTrial } from '../../state/sweepState';

/** Display helpers for the sweep views: text of a parameter value and of an objective. */
export function valueText(value: number | string | boolean | undefined): string {
  if (typeof value === 'number') return Number.isInteger(value) ? String(value) : value.toPrecision(3);
  return value === undefined ? '' : String(value);
}

export function objectiveText(value: number | null): string {
  return value === null ? 'n/a' : value.toPrecision(4);
}

/** The distinct values a parameter took across the trials, sorted. */
export function distinctValues(trials: readonly SweepTrial[], name: string): (number | string | boolean)[] {
  const values = [...new Set(trials.map((t) => t.params[name]).filter((v) => v !== undefined))];
  return values.sort((a, b) => (typeof a === 'number' && typeof b === 'number' ? a - b : String(a).localeCompare(String(b))));
}
