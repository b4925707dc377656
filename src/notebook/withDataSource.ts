import type { ConnectorSourceSpec, DataSourceSpec, NotebookDoc } from './schema';
import { parseNotebook } from './parse';

export interface DataChoice {
  source: DataSourceSpec;
  /** An on-chain series to join, and the frame column it arrives as (AdrActCnt, hashRate, ...). */
  onchain?: { source: ConnectorSourceSpec; column: string } | undefined;
}

/** Columns of the built-in demo market that other sources do not have. */
const DEMO_ONLY_COLUMNS = new Set(['activeAddresses', 'hashRate']);

/**
 * A copy of `doc` reading its data from `choice`. Features that read a demo-only column are
 * pointed at the chosen on-chain column (or dropped when there is none), and a log-return feature
 * of the on-chain column is added when no feature reads it yet. The result is validated again.
 */
export function withDataSource(doc: NotebookDoc, choice: DataChoice, title: string): NotebookDoc {
  const onchainColumn = choice.onchain?.column;
  // Plain objects here; the result is validated by the schema at the end.
  type FeatureLike = Record<string, unknown> & { name: string; column?: string };
  const retarget = (features: readonly FeatureLike[]): FeatureLike[] => {
    const kept = features.flatMap((f): FeatureLike[] => {
      if (!f.column || !DEMO_ONLY_COLUMNS.has(f.column) || (choice.source.type === 'demo' && !onchainColumn)) return [f];
      return onchainColumn ? [{ ...f, column: onchainColumn }] : [];
    });
    const deduplicated = kept.filter((f, i) => kept.findIndex((g) => JSON.stringify(g) === JSON.stringify(f)) === i);
    if (onchainColumn && !deduplicated.some((f) => f.column === onchainColumn)) deduplicated.push({ name: 'logReturn', column: onchainColumn });
    return deduplicated;
  };
  const cells = doc.cells.map((cell) => {
    if (cell.kind === 'data') {
      const { onchain: _old, ...rest } = cell;
      return {
        ...rest,
        source: choice.source,
        ...(choice.onchain ? { onchain: { source: choice.onchain.source, publicationLagBars: 1, maxForwardFill: 3 } } : {}),
      };
    }
    if (cell.kind === 'features') return { ...cell, features: retarget(cell.features as unknown as FeatureLike[]) };
    return cell;
  });
  return parseNotebook({ ...doc, title, cells });
}
