/** The self-test table: one row per check, data-testid hooks for e2e tests. */
import type { CheckRow } from './stepChecks';

export function formatValue(row: CheckRow): string {
  if (row.unit === 'dispatches') return Number.isInteger(row.value) ? String(row.value) : row.value.toFixed(2);
  if (row.unit === 'ms') return row.value.toFixed(2);
  return row.value === 0 ? '0' : row.value.toExponential(2);
}

export function passed(row: CheckRow): boolean | null {
  return row.limit === null ? null : Number.isFinite(row.value) && row.value <= row.limit;
}

function cell(tag: 'td' | 'th', text: string, testId?: string): HTMLElement {
  const el = document.createElement(tag);
  el.textContent = text;
  if (testId) el.dataset.testid = testId;
  return el;
}

export function renderTable(rows: readonly CheckRow[]): HTMLTableElement {
  const table = document.createElement('table');
  table.dataset.testid = 'selftest-table';
  const head = table.createTHead().insertRow();
  for (const title of ['check', 'value', 'limit', 'result']) head.append(cell('th', title));
  const body = table.createTBody();
  for (const row of rows) {
    const tr = body.insertRow();
    tr.dataset.testid = `row-${row.id}`;
    const ok = passed(row);
    tr.append(
      cell('td', row.label),
      cell('td', `${formatValue(row)}${row.unit && row.unit !== 'dispatches' ? ` ${row.unit}` : ''}`, `value-${row.id}`),
      cell('td', row.limit === null ? '-' : `<= ${row.limit}`),
      cell('td', ok === null ? 'reported' : ok ? 'pass' : 'FAIL', `result-${row.id}`),
    );
    if (ok === false) tr.className = 'fail';
  }
  return table;
}
