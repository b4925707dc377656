/**
 * Successive halving over walk-forward folds (the synchronous form of ASHA, decided per round so
 * a sweep is reproducible whatever the number of workers): a round's trials run their first
 * folds (rung 0); those whose score ranks in the top 1/reduction of every score recorded at that
 * rung so far go on to the next rung, the rest stop there (pruned). The last rung is all folds.
 */

/** Fold counts of the rungs: min, min*r, min*r^2, ... below `folds`, then `folds`. */
export function rungFolds(folds: number, reduction: number, minFolds = 1): number[] {
  if (!Number.isInteger(folds) || folds < 1) throw new Error(`rungFolds: folds must be an integer >= 1, got ${folds}`);
  if (!Number.isInteger(reduction) || reduction < 2) throw new Error(`rungFolds: reduction must be an integer >= 2, got ${reduction}`);
  const rungs: number[] = [];
  for (let n = Math.max(1, minFolds); n < folds; n *= reduction) rungs.push(n);
  rungs.push(folds);
  return rungs;
}

/** NaN (a failed or undefined score) ranks below every number. */
const rankable = (score: number) => (Number.isNaN(score) ? -Infinity : score);

/** Whether `score` is in the top max(1, ceil(n / reduction)) of the `recorded` scores at its rung (itself included). */
export function survivesRung(score: number, recorded: readonly number[], reduction: number): boolean {
  const keep = Math.max(1, Math.ceil(recorded.length / reduction));
  const better = recorded.filter((other) => rankable(other) > rankable(score)).length;
  return better < keep && !Number.isNaN(score);
}

export interface RungOutcome<T> {
  trial: T;
  /** Score at the last rung the trial reached (larger is better). */
  score: number;
  /** Index into the rungs of that rung. */
  rung: number;
  pruned: boolean;
}

/**
 * Runs one round of trials up the rungs. `history[r]` holds the scores recorded at rung r by
 * earlier rounds and gains this round's; `evaluate(trial, r)` scores a trial on the first
 * `rungs[r]` folds (the run cache makes the folds it already ran free).
 */
export async function successiveHalvingRound<T>(
  trials: readonly T[],
  rungs: readonly number[],
  reduction: number,
  history: number[][],
  evaluate: (trial: T, rung: number) => Promise<number>,
): Promise<RungOutcome<T>[]> {
  let alive = trials.map((trial) => ({ trial, score: NaN, rung: 0, pruned: false }));
  const finished: RungOutcome<T>[] = [];
  for (let r = 0; r < rungs.length && alive.length > 0; r++) {
    const scores = await Promise.all(alive.map((t) => evaluate(t.trial, r)));
    const recorded = (history[r] ??= []);
    recorded.push(...scores);
    const next: typeof alive = [];
    alive.forEach((t, i) => {
      const outcome = { trial: t.trial, score: scores[i]!, rung: r, pruned: false };
      if (r === rungs.length - 1) finished.push(outcome);
      else if (survivesRung(scores[i]!, recorded, reduction)) next.push(outcome);
      else finished.push({ ...outcome, pruned: true });
    });
    alive = next;
  }
  return trials.map((trial) => finished.find((f) => f.trial === trial)!);
}
