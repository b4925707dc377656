import type { FeatureTable } from '../core/featureTable';

/**
 * The feature table as CSV: `time` (ISO, the bar's time), one column per feature (named as in
 * ARCHITECTURE.md), then the target. Feature values at a row use data up to that row only; the
 * target is the forward return being predicted, so it is named `target_...` and is empty where
 * the future is not known yet. Rows before every feature is defined (warm-up) are left out.
 */
export function featureTableCsv(table: FeatureTable): string {
  const header = ['time', ...table.names, `target_${table.targetName}`];
  const lines = [header.join(',')];
  const cell = (v: number) => (Number.isFinite(v) ? String(v) : '');
  for (let t = table.firstComplete; t < table.time.length; t++) {
    const row = [new Date(table.time[t]!).toISOString()];
    for (const values of table.features) row.push(cell(values[t]!));
    row.push(cell(table.target[t]!));
    lines.push(row.join(','));
  }
  return `${lines.join('\n')}\n`;
}
