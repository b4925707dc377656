import { expectedMaxSharpe, probabilisticSharpe } from '../../core/metrics/sharpeInference';
import { createRng } from '../../core/rng';
import { rungFolds, successiveHalvingRound } from '../../core/sweep/asha';
import { gridPoints, gridSize } from '../../core/sweep/grid';
import { randomPoint } from '../../core/sweep/random';
import { paramsKey, type Observation, type Params } from '../../core/sweep/space';
import { suggestTpe } from '../../core/sweep/tpe';
import type { RunCache } from '../cache';
import { notebookHash } from '../canonical';
import { finiteOrNull } from '../cells/metricsReport';
import type { RunEnvironment } from '../runState';
import type { CellOf } from '../schema';
import { applyParameters } from './paths';
import { holdoutLayout, planSweep, type HoldoutLayout, type SweepPlan } from './sweepPlan';
import type { SweepReport, SweepTrial } from './sweepReport';
import { dataBefore, objectiveValue, trialId, trialOutcomeSchema, type TrialJob, type TrialOutcome } from './trial';

/** Runs trial jobs somewhere: in this thread, in worker threads, on a queue, in the browser's pool. */
export interface TrialRunner {
  run(job: TrialJob, signal?: AbortSignal): Promise<TrialOutcome>;
}

/** A runner failure that stops the whole sweep (the queue's Redis is gone), not one trial: a rerun resumes from the store. */
export class RunnerLostError extends Error {
  override name = 'RunnerLostError';
}

export interface SweepOptions {
  /** Loads data for the hold-out layout and the trials' data hashes (the trials load their own). */
  env: Omit<RunEnvironment, 'executor' | 'versions'>;
  runner: TrialRunner;
  /** The backend trials train on: part of every trial's id. */
  backend: string;
  /** Finished trials by id (IndexedDB or memory): a sweep rerun resumes from them. */
  store?: RunCache;
  onTrial?: (trial: SweepTrial, done: number, total: number) => void;
  signal?: AbortSignal;
  now?: () => number;
}

const DEFAULT_TRIALS = 20;
const storeKey = (id: string) => `sweep-trial:${id}`;

function budget(sweep: CellOf<'sweep'>, plan: SweepPlan): number {
  if (sweep.search === 'grid') return Math.min(sweep.trials ?? Infinity, gridSize(plan.space));
  return sweep.trials ?? DEFAULT_TRIALS;
}

/** The configurations of one round: the grid's or random draws in order, or TPE's suggestions from the trials so far. */
function proposer(plan: SweepPlan, total: number) {
  const { sweep, space } = plan;
  const rng = createRng(sweep.seed);
  const seen = new Set<string>();
  const fresh = (draw: () => Params): Params => {
    for (let attempt = 0; attempt < 100; attempt++) {
      const params = draw();
      if (!seen.has(paramsKey(space, params))) return params;
    }
    return draw();
  };
  const grid = sweep.search === 'grid' ? gridPoints(space) : [];
  let issued = 0;
  return (count: number, history: readonly Observation[]): Params[] => {
    const out: Params[] = [];
    for (; out.length < count && issued < total; issued++) {
      const params = sweep.search === 'grid' ? grid[issued]! : fresh(() => (sweep.search === 'tpe' ? suggestTpe(space, history, rng) : randomPoint(space, rng)));
      seen.add(paramsKey(space, params));
      out.push(params);
    }
    return out;
  };
}

function deflation(outcomes: readonly { status: SweepTrial['status']; sharpe: number | null }[], best: TrialOutcome | undefined): SweepReport['deflatedSharpe'] {
  const counted = outcomes.filter((o) => o.status === 'ok' || o.status === 'pruned').length;
  const sharpes = outcomes.filter((o) => o.status === 'ok' && o.sharpe !== null).map((o) => o.sharpe!);
  const periods = best?.returns.length ?? 0;
  let variance = 1 / Math.max(1, periods - 1);
  let source = `1/(T-1) with T = ${periods} periods (fewer than 2 trials with a Sharpe ratio)`;
  if (sharpes.length >= 2) {
    const mean = sharpes.reduce((a, b) => a + b, 0) / sharpes.length;
    variance = sharpes.reduce((a, s) => a + (s - mean) ** 2, 0) / (sharpes.length - 1);
    source = `the variance of the ${sharpes.length} finished trials' Sharpe ratios`;
  }
  const value = best && counted >= 1 ? finiteOrNull(probabilisticSharpe(best.returns, expectedMaxSharpe(counted, variance))) : null;
  return {
    value,
    trials: counted,
    sharpeVariance: variance,
    sentence: `the chosen configuration's Sharpe on the search period, deflated for ${counted} trial(s) run and ${source}`,
  };
}

/** Runs the notebook's sweep: the search on the bars before the hold-out, then the chosen configuration once on all of them. */
export async function runSweep(doc: Parameters<typeof planSweep>[0], options: SweepOptions): Promise<SweepReport> {
  const plan = planSweep(doc);
  const { sweep } = plan;
  const now = options.now ?? (() => Date.now());
  const started = now();
  const layout: HoldoutLayout = await holdoutLayout(plan, options.env);
  const dataHashes = new Map<string, Promise<string>>();
  const dataHash = (trialDoc: typeof plan.base, until: number | null): Promise<string> => {
    const cell = trialDoc.cells.find((c): c is CellOf<'data'> => c.kind === 'data')!;
    const { id: _id, kind: _kind, ...request } = cell;
    const key = `${JSON.stringify(request)}|${until}`;
    if (!dataHashes.has(key)) dataHashes.set(key, options.env.loadData(request, { signal: options.signal }).then((data) => dataBefore(data, until).hash));
    return dataHashes.get(key)!;
  };
  const job = async (params: Params, until: number | null, holdoutFrom?: number): Promise<TrialJob> => {
    const trialDoc = applyParameters(plan.base, plan.resolved, params);
    const id = trialId(trialDoc, params, await dataHash(trialDoc, until), options.backend);
    return { id, doc: trialDoc, params, until, ...(holdoutFrom !== undefined ? { holdoutFrom } : {}) };
  };
  let resumed = 0;
  const execute = async (trial: TrialJob): Promise<TrialOutcome> => {
    const stored = trialOutcomeSchema.safeParse(await options.store?.get(storeKey(trial.id)));
    if (stored.success && stored.data.id === trial.id) {
      resumed += 1;
      return stored.data;
    }
    let outcome: TrialOutcome;
    try {
      outcome = await options.runner.run(trial, options.signal);
    } catch (error) {
      if (error instanceof Error && (error.name === 'CancelledError' || error.name === 'RunnerLostError')) throw error;
      // A crashed worker or a lost queue is a failed trial, marked in the report and not stored: a rerun tries it again.
      const message = error instanceof Error ? error.message : String(error);
      return { id: trial.id, status: 'failed', error: message, figures: null, sharpe: null, returns: [], folds: 0, ms: 0 };
    }
    await options.store?.put(storeKey(trial.id), outcome, 64 + outcome.returns.length * 8);
    return outcome;
  };

  const total = budget(sweep, plan);
  const propose = proposer(plan, total);
  const rungs = sweep.pruning === 'asha' ? rungFolds(layout.searchFolds, sweep.reduction) : [layout.searchFolds];
  const roundSize = sweep.pruning === 'none' && sweep.search !== 'tpe' ? total : sweep.batch;
  const sign = sweep.objective.direction === 'maximize' ? 1 : -1;
  const score = (o: TrialOutcome) => (o.figures ? (objectiveValue(o.figures, sweep.objective.metric) ?? NaN) * sign : NaN);
  const trials: (SweepTrial & { sharpe: number | null; outcome?: TrialOutcome })[] = [];
  const history: Observation[] = [];
  const rungHistory: number[][] = [];
  let cancelled = false;

  while (trials.length < total && !cancelled) {
    if (sweep.seconds !== undefined && now() - started > sweep.seconds * 1000) break;
    const round = propose(Math.min(roundSize, total - trials.length), history);
    if (round.length === 0) break;
    const finals = await Promise.all(round.map((params) => job(params, layout.from)));
    const outcomes = new Map<number, TrialOutcome>();
    const results = await successiveHalvingRound(round.map((_, i) => i), rungs, sweep.reduction, rungHistory, async (i, r) => {
      const trial = r === rungs.length - 1 ? finals[i]! : await job(round[i]!, layout.untilAfterFolds(rungs[r]!));
      const outcome = await execute(trial);
      outcomes.set(i, outcome);
      return score(outcome);
    }).catch((error: unknown) => {
      if (error instanceof Error && error.name === 'CancelledError') return null;
      throw error;
    });
    round.forEach((params, i) => {
      const outcome = outcomes.get(i);
      const result = results?.[i];
      // A cancelled round keeps the trials that finished before the cancel (a single rung: their result is complete).
      const complete = result ? !result.pruned : outcome !== undefined && rungs.length === 1;
      const status: SweepTrial['status'] = !result && !complete ? 'cancelled' : outcome?.status === 'failed' ? 'failed' : complete ? 'ok' : 'pruned';
      const objective = status === 'cancelled' || !outcome?.figures ? null : objectiveValue(outcome.figures, sweep.objective.metric);
      const entry = {
        id: finals[i]!.id,
        params,
        objective,
        status,
        folds: status === 'cancelled' ? 0 : (outcome?.folds ?? 0),
        ms: outcome?.ms ?? 0,
        ...(outcome?.error ? { error: outcome.error } : {}),
        sharpe: outcome?.sharpe ?? null,
        ...(outcome && status === 'ok' ? { outcome } : {}),
      };
      trials.push(entry);
      history.push({ params, score: status === 'ok' ? (objective ?? NaN) * sign : NaN });
      const { sharpe: _s, outcome: _o, ...shown } = entry;
      options.onTrial?.(shown, trials.length, total);
    });
    cancelled = results === null || (options.signal?.aborted ?? false);
  }

  let best: (typeof trials)[number] | undefined;
  for (const t of trials) {
    if (t.status !== 'ok' || t.objective === null) continue;
    if (!best || t.objective * sign > best.objective! * sign) best = t;
  }
  let holdoutOutcome: TrialOutcome | undefined;
  if (best && !cancelled) holdoutOutcome = await execute(await job(best.params, null, layout.from));
  const holdoutFigures = holdoutOutcome?.holdout?.figures ?? null;
  return {
    notebookHash: notebookHash(doc),
    search: sweep.search,
    seed: sweep.seed,
    objective: sweep.objective,
    pruning: sweep.pruning,
    parameters: plan.space.map((d) => d.name),
    trials: trials.map(({ sharpe: _s, outcome: _o, ...shown }) => shown),
    best: best ? { id: best.id, params: best.params, objective: best.objective } : null,
    holdout: {
      fraction: sweep.holdout,
      from: new Date(layout.from).toISOString(),
      searchFolds: layout.searchFolds,
      holdoutFolds: layout.holdoutFolds,
      searchObjective: best?.objective ?? null,
      objective: holdoutFigures ? objectiveValue(holdoutFigures, sweep.objective.metric) : null,
      figures: holdoutFigures,
    },
    deflatedSharpe: deflation(trials, best?.outcome),
    cancelled,
    resumed,
  };
}
