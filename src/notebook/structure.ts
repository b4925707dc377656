import type { CellKind, NotebookDoc } from './schema';

/** The cells a run reads, exactly one of each, and the cells each must come after. */
const RUN_CELLS: readonly { kind: CellKind; after: readonly CellKind[] }[] = [
  { kind: 'data', after: [] },
  { kind: 'features', after: ['data'] },
  { kind: 'model', after: [] },
  { kind: 'walkforward', after: ['features', 'model'] },
  { kind: 'backtest', after: ['walkforward'] },
];

/**
 * Refuses a document the runner cannot honour, naming the cell by its path: a missing cell, a
 * second cell of a kind the runner reads once (it would silently use one), or a cell placed
 * above the cell whose output it reads.
 */
export function checkRunStructure(doc: NotebookDoc, kinds: readonly CellKind[] = RUN_CELLS.map((c) => c.kind)): void {
  const first = new Map<CellKind, number>();
  doc.cells.forEach((cell, index) => {
    if (!kinds.includes(cell.kind) || !RUN_CELLS.some((c) => c.kind === cell.kind)) return;
    const earlier = first.get(cell.kind);
    if (earlier !== undefined) {
      throw new Error(`cells[${index}]: a second ${cell.kind} cell ("${cell.id}"); the runner reads one (cells[${earlier}]): remove one or merge them`);
    }
    first.set(cell.kind, index);
  });
  for (const kind of kinds) if (!first.has(kind)) throw new Error(`the notebook needs a ${kind} cell`);
  for (const { kind, after } of RUN_CELLS) {
    const index = first.get(kind);
    if (index === undefined) continue;
    for (const producer of after) {
      const at = first.get(producer);
      if (at !== undefined && at > index) {
        throw new Error(`cells[${index}]: the ${kind} cell reads the ${producer} cell's output, but that cell comes after it (cells[${at}]): move cells[${index}] below it`);
      }
    }
  }
}
