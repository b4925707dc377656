import type { BackendInfo, BackendPreference } from '../core/executor';
import type { RunReport, RunSeries } from '../notebook/report';
import type { RunProgress } from '../notebook/runState';
import type { NotebookDoc } from '../notebook/schema';
import type { NotebookEntry } from '../services/builtinNotebooks';
import type { DatasetView } from '../services/labServices';
import type { LibraryView } from '../services/library';
import type { ColumnSummary } from '../sources/describe';
import type { EditSession } from './editSession';

export interface LossCurve {
  fold: number;
  loss: number[];
  valLoss: (number | null)[];
}

export type RunStatus = 'idle' | 'loading' | 'running' | 'done' | 'error' | 'cancelled';

export interface ShownRun {
  report: RunReport;
  series: RunSeries;
  createdAt: number;
  /** True when it was read back from IndexedDB rather than just computed. */
  restored: boolean;
}

export interface LabState {
  catalog: readonly NotebookEntry[];
  notebookId: string | null;
  doc: NotebookDoc | null;
  backendPreference: BackendPreference;
  backend: BackendInfo | null;
  status: RunStatus;
  progress: RunProgress | null;
  /** Per fold, the training (and validation-tail) loss at each epoch end, for the live chart. */
  lossCurves: LossCurve[];
  error: string | null;
  /** Something went wrong beside the run (storage), shown as a warning; results are kept. */
  warning: string | null;
  result: ShownRun | null;
  dataset: DatasetView | null;
  library: { open: boolean; view: LibraryView | null; error: string | null };
  columnSummary: { status: 'loading' | 'done' | 'error'; rows: ColumnSummary[]; error: string | null } | null;
  /** Edits of the open notebook: draft, undo history, field errors (editSession.ts). */
  edit: EditSession | null;
}

export function initialLabState(catalog: readonly NotebookEntry[], backendPreference: BackendPreference): LabState {
  return {
    catalog,
    notebookId: null,
    doc: null,
    backendPreference,
    backend: null,
    status: 'idle',
    progress: null,
    lossCurves: [],
    error: null,
    warning: null,
    result: null,
    dataset: null,
    columnSummary: null,
    library: { open: false, view: null, error: null },
    edit: null,
  };
}

export type { BackendInfo, BackendPreference } from '../core/executor';
export type { RunReport, RunSeries, ForecastMetricsReport, TradingMetricsReport, FoldReport } from '../notebook/report';
export type { RunProgress } from '../notebook/runState';
export type { Cell, NotebookDoc } from '../notebook/schema';
export { cellLabel } from '../notebook/cells/declarations';
export type { DatasetView } from '../services/labServices';
export type { NotebookEntry } from '../services/builtinNotebooks';
export type { ColumnSummary } from '../sources/describe';
export type { ConnectorSourceSpec, DataSourceSpec } from '../notebook/schema';
export type { ConnectorInfo } from '../services/dataSources';
export { CONNECTOR_INFO } from '../services/dataSources';
export type { LibraryView, LibraryDataset } from '../services/library';
