import type { BackendInfo, Executor, TrainProgress } from '../core/executor';
import type { FeatureTable } from '../core/featureTable';
import type { Frame } from '../core/frame';
import type { CleaningCheck } from '../core/leakage';
import type { RunCache } from './cache';
import type { ExplainOutput } from './explainReport';
import type { DiagnosticsReport } from './diagnosticsReport';
import type { ForecastMetricsReport, FoldReport, RunReport, RunSeries, StepReport } from './report';
import type { CellOf, ModelCellSpec, NotebookDoc, TrainingCellSpec } from './schema';

export interface LoadedData {
  frame: Frame;
  hash: string;
  /** Issue counts of the cleaning report, by kind. */
  cleaning: Record<string, number>;
  /** Limits hit, bars still forming, forward fills, attribution: shown beside the data. */
  notes: string[];
  /** The cleaning step's look-ahead check, when the loader ran or knows it (report `tests.cleaningLookAhead`). */
  cleaningLookAhead?: CleaningCheck;
}

/** A data cell without its id and kind: what `loadData` is asked to load. */
export type DataRequest = Omit<CellOf<'data'>, 'id' | 'kind'>;

export interface RunProgress {
  /** 0..1 over the whole notebook. */
  fraction: number;
  cellId: string;
  message: string;
  train?: TrainProgress;
  /** The walk-forward fold (0-based) the training progress belongs to. */
  fold?: number;
}

export interface RunEnvironment {
  executor: Executor;
  loadData(data: DataRequest, options?: { signal?: AbortSignal | undefined; onProgress?: (fraction: number, message: string) => void }): Promise<LoadedData>;
  versions: Record<string, string>;
  /** Strategy configurations tried so far in this notebook, for the deflated Sharpe ratio. */
  trials?: { count: number; sharpeVariance: number };
  onProgress?: (progress: RunProgress) => void;
  /** Where cell outputs and folds are cached under their content keys (none: everything is computed). */
  cache?: RunCache;
  signal?: AbortSignal;
  now?: () => number;
  /** Run only these cells (plan.ts `runSelection`) and those the report is made of; absent: every cell. */
  cells?: readonly string[] | undefined;
}

/** Out-of-sample forecasts stitched across folds, one entry per test sample, in time order. */
export interface StitchedForecast {
  rows: number[];
  actual: number[];
  predicted: number[];
  /** Each sample's MASE scale (its fold's in-sample naive error). */
  maseScales: number[];
  baselines: Record<'naive' | 'drift' | 'seasonalNaive' | 'ridge', number[]>;
  foldStarts: number[];
  /** Quantile models: the outer quantiles, in return units. */
  lower?: number[];
  upper?: number[];
  /** Direction models: P(up). */
  probability?: number[];
  /** Split conformal bands, one per level (walkforwardDiagnostics.ts). */
  intervals?: StitchedInterval[];
}

/** A conformal band at one level, aligned with the stitched forecast (infinite where the calibration is too small). */
export interface StitchedInterval {
  level: number;
  lower: number[];
  upper: number[];
}

/** What earlier cells hand to later ones while a notebook runs. */
export interface RunState {
  doc: NotebookDoc;
  backend?: BackendInfo;
  data?: LoadedData;
  table?: FeatureTable;
  model?: { spec: ModelCellSpec; training: TrainingCellSpec };
  folds?: FoldReport[];
  forecast?: StitchedForecast;
  overall?: { metrics: ForecastMetricsReport; baselines: Record<string, ForecastMetricsReport>; byStep?: StepReport[] };
  backtest?: RunReport['backtest'];
  equity?: RunSeries['equity'];
  monthly?: RunSeries['monthly'];
  /** The explain cell's report entry and view series. */
  explain?: ExplainOutput;
  tests: Record<string, unknown>;
  diagnostics?: DiagnosticsReport;
  timings: Record<string, number>;
  /** What came from the run cache, for the report. */
  cacheUse?: { cells: Record<string, 'hit' | 'miss'>; folds: ('hit' | 'miss')[]; problems: string[] };
}

export interface CellContext {
  env: RunEnvironment;
  state: RunState;
  /** Reports progress within the current cell as a fraction 0..1 of that cell. */
  progress(fraction: number, message: string, train?: TrainProgress, fold?: number): void;
  /** The cell's content key (planKeys.ts); null when it cannot be known (no data yet). */
  key: string | null;
  /** Records that the cell's output (or, with `fold`, one fold) came from the cache or was computed and stored. */
  cacheUse(status: 'hit' | 'miss', fold?: number): void;
  /** Records a failure to store in the cache (null: none). */
  cacheProblem(problem: string | null): void;
}
