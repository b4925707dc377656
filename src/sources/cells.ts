/**
 * Reading one text cell as a number or a time, strictly: a number is a plain decimal (`0x10`,
 * `Infinity`, `1_000` and an empty cell are not numbers), and a time is ISO text, a compact date
 * (`20210101`), a bare year (`2021`) or an epoch number whose unit (s, ms, µs, ns) is the only one
 * that puts it between 1990 and 2100. Nothing here guesses outside those rules.
 */

const DECIMAL = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;

/** A decimal number, or NaN (never hex, binary, octal, `Infinity` or an empty cell as 0). May overflow to ±Infinity. */
export function parseDecimal(text: string): number {
  const cell = text.trim();
  return DECIMAL.test(cell) ? Number(cell) : NaN;
}

export type EpochUnit = 's' | 'ms' | 'us' | 'ns';
export type TimeForm = 'iso' | 'compact-date' | 'year' | EpochUnit;

export const EPOCH_UNIT_NAMES: Record<EpochUnit, string> = { s: 'seconds', ms: 'milliseconds', us: 'microseconds', ns: 'nanoseconds' };

/** Times outside [1990, 2100) are not believed: a number is an epoch only in a unit that lands inside. */
export const PLAUSIBLE_FROM_MS = Date.UTC(1990, 0, 1);
export const PLAUSIBLE_TO_MS = Date.UTC(2100, 0, 1);

const UNIT_SCALE: ReadonlyArray<[EpochUnit, number]> = [
  ['s', 1000],
  ['ms', 1],
  ['us', 1e-3],
  ['ns', 1e-6],
];

export interface TimeCell {
  /** UTC ms, NaN when the cell is not a time. */
  ms: number;
  form: TimeForm | null;
  /** Why the cell is not a time (null when it is one, or when it is empty). */
  problem: string | null;
}

const plausible = (ms: number): boolean => ms >= PLAUSIBLE_FROM_MS && ms < PLAUSIBLE_TO_MS;
const notTime = (problem: string | null): TimeCell => ({ ms: NaN, form: null, problem });

function calendarDate(year: number, month: number, day: number): number {
  const ms = Date.UTC(year, month - 1, day);
  const date = new Date(ms);
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day ? ms : NaN;
}

function readDigits(cell: string): TimeCell {
  if (/^\d{4}$/.test(cell)) {
    const ms = Date.UTC(Number(cell), 0, 1);
    return plausible(ms) ? { ms, form: 'year', problem: null } : notTime(`the year ${cell} is outside 1990-2100`);
  }
  if (/^\d{8}$/.test(cell)) {
    const ms = calendarDate(Number(cell.slice(0, 4)), Number(cell.slice(4, 6)), Number(cell.slice(6, 8)));
    if (Number.isNaN(ms) || !plausible(ms)) return notTime(`"${cell}" has 8 digits but is not a YYYYMMDD date between 1990 and 2100 (an epoch needs 9 or more digits)`);
    return { ms, form: 'compact-date', problem: null };
  }
  const value = Number(cell);
  for (const [unit, scale] of UNIT_SCALE) {
    const ms = value * scale;
    if (plausible(ms)) return { ms: unit === 's' || unit === 'ms' ? ms : Math.round(ms), form: unit, problem: null };
  }
  return notTime(`the number ${cell} is not an epoch time between 1990 and 2100 in seconds, milliseconds, microseconds or nanoseconds`);
}

/** One time cell: ISO text (a missing zone means UTC), a compact date, a year, or an epoch number. */
export function readTimeCell(text: string): TimeCell {
  const cell = text.trim();
  if (cell === '') return notTime(null);
  if (/^\d+(\.\d+)?$/.test(cell)) return readDigits(cell);
  if (!/^\d{4}-\d{2}-\d{2}/.test(cell)) return notTime(`"${cell.slice(0, 40)}" is not an ISO date (YYYY-MM-DD), a YYYYMMDD date or an epoch number`);
  const dateOnly = /^\d{4}-\d{2}-\d{2}$/.test(cell);
  const hasZone = /(Z|[+-]\d{2}:?\d{2})$/i.test(cell);
  const iso = dateOnly ? `${cell}T00:00:00Z` : hasZone ? cell : `${cell.replace(' ', 'T')}Z`;
  const ms = Date.parse(iso);
  return Number.isNaN(ms) ? notTime(`"${cell.slice(0, 40)}" is not a valid date`) : { ms, form: 'iso', problem: null };
}

/** The zone an ISO date-time cell is written in (Z, +02:00, or none), or null for a cell without a clock time. */
export function zoneStyleOf(cell: string): string | null {
  const match = /\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?\s*$/i.exec(cell);
  if (!match) return null;
  return match[1]?.toUpperCase().replace(/^([+-]\d{2})(\d{2})$/, '$1:$2') ?? 'none';
}
