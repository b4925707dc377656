/**
 * What a price must be before anything learns from it: finite, above zero and below an absurd
 * size; and a close that moves 1000x in one step is worth a look. The cleaning report flags both
 * (kinds 'price' and 'spike'); applyFixes sets cells that are not prices to missing.
 */
import type { AddIssue } from './cleaning';

/** Columns holding prices: a value there must be finite, positive and plausible. */
export const PRICE_COLUMNS: readonly string[] = ['open', 'high', 'low', 'close'];
/** Above this a "price" is a unit or export error (1e300), not a market. */
export const MAX_PLAUSIBLE_PRICE = 1e15;
/** A close this many times the previous one (or 1/this) in one step is flagged as a spike. */
export const SPIKE_RATIO = 1000;

export const isPrice = (v: number): boolean => v > 0 && v <= MAX_PLAUSIBLE_PRICE;

export function checkPrices(columns: Record<string, Float64Array>, rows: number, add: AddIssue): void {
  for (const name of PRICE_COLUMNS) {
    const values = Object.hasOwn(columns, name) ? columns[name] : undefined;
    if (!values) continue;
    for (let row = 0; row < rows; row++) {
      const v = values[row]!;
      if (!Number.isFinite(v) || isPrice(v)) continue;
      const why = v === 0 ? 'zero' : v < 0 ? 'negative' : `above ${MAX_PLAUSIBLE_PRICE}`;
      add('price', row, `${name} is ${v} (${why}): not a price; read as missing`, name);
    }
  }
  const close = Object.hasOwn(columns, 'close') ? columns.close : undefined;
  if (!close) return;
  let before = -1;
  for (let row = 0; row < rows; row++) {
    const v = close[row]!;
    if (!isPrice(v)) continue;
    if (before >= 0) {
      const ratio = v / close[before]!;
      if (ratio >= SPIKE_RATIO || ratio <= 1 / SPIKE_RATIO) {
        const factor = ratio >= 1 ? ratio : 1 / ratio;
        add('spike', row, `close ${ratio >= 1 ? 'jumps' : 'falls'} ${factor.toPrecision(3)}x in one step (${close[before]} -> ${v}): check the data or mark outliers`, 'close');
      }
    }
    before = row;
  }
}

/** Sets every infinite cell, and every price cell that is not a price, to NaN; returns how many. */
export function clearImplausible(columns: Record<string, Float64Array>): number {
  let cleared = 0;
  for (const [name, values] of Object.entries(columns)) {
    const pricey = PRICE_COLUMNS.includes(name);
    for (let i = 0; i < values.length; i++) {
      const v = values[i]!;
      if (v === Infinity || v === -Infinity || (pricey && !Number.isNaN(v) && !isPrice(v))) {
        values[i] = NaN;
        cleared++;
      }
    }
  }
  return cleared;
}

