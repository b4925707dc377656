// Reads the layer table of docs/ARCHITECTURE.md: the one statement of which folder may import which.
// eslint.config.js turns it into `no-restricted-imports` rules, so lint and the documented table agree.
import { readFileSync } from 'node:fs';

const HEADER = '| folder | holds | may import |';

/** @returns {{ folder: string, name: string, allowed: string[], typesOnly: string[] }[]} */
export function readLayerTable(markdown) {
  const lines = markdown.split('\n');
  const at = lines.findIndex((line) => line.trim() === HEADER);
  if (at < 0) throw new Error(`docs/ARCHITECTURE.md: no layer table (a line "${HEADER}")`);
  const rows = [];
  for (const line of lines.slice(at + 2)) {
    if (!line.startsWith('|')) break;
    const cells = line.split('|').slice(1, -1).map((c) => c.trim());
    const folder = /^`([^`]+)\/`/.exec(cells[0] ?? '')?.[1];
    if (!folder || cells.length !== 3) throw new Error(`docs/ARCHITECTURE.md layer table: cannot read row "${line}"`);
    const [may, types = ''] = cells[2].split(/;\s*types only:/);
    const names = (text) => (text.trim() === 'nothing' ? [] : text.split(',').map((n) => n.trim()).filter(Boolean));
    rows.push({ folder, name: folder.split('/').pop(), allowed: names(may), typesOnly: names(types) });
  }
  const known = new Set(rows.map((r) => r.name));
  for (const row of rows) {
    for (const name of [...row.allowed, ...row.typesOnly]) {
      if (!known.has(name)) throw new Error(`docs/ARCHITECTURE.md layer table: ${row.folder} names unknown folder "${name}"`);
    }
  }
  return rows;
}

export function loadLayerTable(url = new URL('../docs/ARCHITECTURE.md', import.meta.url)) {
  return readLayerTable(readFileSync(url, 'utf8'));
}
