/**
 * What a gates view draws for one window of an LSTM or GRU: the window's input features and, on
 * the same time axis, every drawn unit's gate activations, cell state and hidden state. The same
 * shape for a saved model (services/gatesService.ts) and a run's fold model (runGates.ts); the
 * schema parses it back from the run cache.
 */
import { z } from 'zod';
import { unitsToDraw } from '../../core/diagnostics/unitSelection';
import { RECURRENT_SERIES, type RecurrentCell } from '../../core/diagnostics/recurrentSeries';
import type { FeatureTable } from '../../core/featureTable';

const isoDay = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);

export const gatesViewSchema = z.object({
  cell: z.enum(['lstm', 'gru']),
  /** The window's bars, oldest first (ISO). */
  times: z.array(z.string()),
  /** The dates a window may end at (ISO days). */
  range: z.object({ first: isoDay, last: isoDay }),
  /** The window's input features as the data has them (before scaling). */
  inputs: z.array(z.object({ name: z.string(), values: z.array(z.number().nullable()) })),
  /** Unit indices drawn, and why not all when so. */
  units: z.array(z.number().int().nonnegative()),
  note: z.string().nullable(),
  /** Gates, then cell and hidden state: values[u][t] for the u-th drawn unit. */
  series: z.array(z.object({ name: z.string(), values: z.array(z.array(z.number())) })),
  /** A run's gates: the walk-forward fold whose model forecast the window (1-based) and its training rows' dates. */
  fold: z.object({ number: z.number().int().positive(), trainStart: isoDay, trainEnd: isoDay }).optional(),
});
export type GatesView = z.infer<typeof gatesViewSchema>;

const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);

export interface GatesWindow {
  cell: RecurrentCell;
  units: number;
  /** The row the window ends at (its last bar) and its length. */
  row: number;
  lookback: number;
  /** [series, lookback, units] in RECURRENT_SERIES order. */
  states: Float32Array;
  /** Dates (UTC ms) a window may end at. */
  range: { first: number; last: number };
  /** Said beside the unit selection's note (e.g. "the first of 2 layers"). */
  notes?: readonly string[];
}

/** Picks the units to draw (unitSelection.ts) and lays the series and the raw inputs out per unit and step. */
export function assembleGatesView(table: FeatureTable, w: GatesWindow): GatesView {
  const names = RECURRENT_SERIES[w.cell];
  const { units: H, lookback: T } = w;
  const block = T * H;
  if (w.states.length !== names.length * block) {
    throw new Error(`gates: ${w.states.length} state values for ${names.length} series of ${T} steps x ${H} units, expected ${names.length * block}`);
  }
  const hidden = w.states.subarray((names.length - 1) * block, names.length * block);
  const picked = unitsToDraw(hidden, T, H);
  const rows = Array.from({ length: T }, (_, t) => w.row - T + 1 + t);
  const note = [picked.note, ...(w.notes ?? [])].filter((n): n is string => n !== null).join('; ');
  return {
    cell: w.cell,
    times: rows.map((r) => new Date(table.time[r]!).toISOString()),
    range: { first: day(w.range.first), last: day(w.range.last) },
    inputs: table.names.map((name, c) => ({ name, values: rows.map((r) => (Number.isFinite(table.features[c]![r]!) ? table.features[c]![r]! : null)) })),
    units: picked.units,
    note: note || null,
    series: names.map((name, k) => ({ name, values: picked.units.map((j) => rows.map((_, t) => w.states[k * block + t * H + j]!)) })),
  };
}

/** The last row at or before `date` (a day: its end; else the instant), or null when every row is later. */
export function rowAtOrBefore(time: Float64Array, date: string): number | null {
  const ms = Date.parse(date);
  if (!Number.isFinite(ms)) throw new Error(`gates: "${date}" is not a date (use YYYY-MM-DD)`);
  const until = /^\d{4}-\d{2}-\d{2}$/.test(date) ? ms + 86_400_000 - 1 : ms;
  let lo = 0;
  let hi = time.length - 1;
  if (hi < 0 || time[0]! > until) return null;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (time[mid]! <= until) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}
