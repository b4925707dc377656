/** Text and attribute values for the HTML report: every user string passes here, nothing else reaches the markup. */
const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (ch) => ENTITIES[ch]!);
}

/** Display formats (the report's own numbers stay exact in `data-value`). null shows as an em dash, never 0. */
export function fmt(value: number | null | undefined, digits = 4): string {
  return value === null || value === undefined || !Number.isFinite(value) ? '—' : value.toFixed(digits);
}

export function pct(value: number | null | undefined, digits = 1): string {
  return value === null || value === undefined || !Number.isFinite(value) ? '—' : `${(value * 100).toFixed(digits)}%`;
}

/** A table cell holding a number: shown formatted, the exact value in data-value. */
export function numberCell(value: number | null | undefined, shown: string, key: string): string {
  const exact = value === null || value === undefined ? 'null' : String(value);
  return `<td data-key="${escapeHtml(key)}" data-value="${escapeHtml(exact)}">${escapeHtml(shown)}</td>`;
}
