/**
 * The sweep's hold-out: the last `fraction` of the walk-forward's test folds (at least one), which
 * no trial ever loads. One rule for the sweep's plan and the fold timeline that shows it.
 */
export function holdoutFoldCount(folds: number, fraction: number): number {
  return folds < 1 ? 0 : Math.max(1, Math.round(folds * fraction));
}
