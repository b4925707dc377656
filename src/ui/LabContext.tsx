import { createContext, useContext } from 'react';
import type { EditActions } from '../state/editActions';
import type { ImportActions } from '../state/importActions';
import type { ImportState } from '../state/importState';
import type { LabActions } from '../state/labActions';
import type { LibraryActions } from '../state/libraryActions';
import type { LibraryState } from '../state/libraryState';
import type { ModelActions } from '../state/modelActions';
import type { ModelsState } from '../state/modelsState';
import type { LabState } from '../state/labState';
import type { RunsActions } from '../state/runsActions';
import type { RunsState } from '../state/runsState';
import type { ShareActions } from '../state/shareActions';
import type { ShareState } from '../state/shareState';
import type { Store } from '../state/store';
import type { SweepActions } from '../state/sweepActions';
import type { SweepState } from '../state/sweepState';
import type { RunGatesActions } from '../state/runGatesActions';
import type { RunGatesState } from '../state/runGatesState';
import { useStore } from '../state/useStore';

export interface Lab {
  store: Store<LabState>;
  actions: LabActions;
  /** Editing the open notebook (forms, cells, undo/redo, JSON view, save). */
  edit: EditActions;
  /** The CSV import flow (its own store); absent where the page offers no import. */
  importer?: { store: Store<ImportState>; actions: ImportActions };
  /** Saved models (train & save, forecast, export/import); absent where the page offers none. */
  models?: { store: Store<ModelsState>; actions: ModelActions };
  /** The notebook library (list, autosave, import/export, two tabs); absent where the page offers none. */
  library?: { store: Store<LibraryState>; actions: LibraryActions };
  /** Share links (copy, open from the page's #nb=...); absent where the page offers none. */
  share?: { store: Store<ShareState>; actions: ShareActions };
  /** The Runs panel (history, delete, compare); absent where the page offers none. */
  runs?: { store: Store<RunsState>; actions: RunsActions };
  /** Sweeps of the open notebook's sweep cell; absent where the page offers none. */
  sweep?: { store: Store<SweepState>; actions: SweepActions };
  /** The gates view of the run's LSTM/GRU fold models; absent where the page offers none. */
  runGates?: { store: Store<RunGatesState>; actions: RunGatesActions };
}

export const LabContext = createContext<Lab | null>(null);

function useLab(): Lab {
  const lab = useContext(LabContext);
  if (!lab) throw new Error('LabContext is missing: render inside <LabContext.Provider>');
  return lab;
}

export function useLabState<T>(select: (state: LabState) => T): T {
  return useStore(useLab().store, select);
}

export function useLabActions(): LabActions {
  return useLab().actions;
}

export function useEditActions(): EditActions {
  return useLab().edit;
}

/** Whether the page offers CSV import (decides if the import panel renders at all). */
export function useHasImporter(): boolean {
  return useLab().importer !== undefined;
}

/** Whether the page offers saved models (decides if the Models panel renders at all). */
export function useHasModels(): boolean {
  return useLab().models !== undefined;
}

function useImporter(): NonNullable<Lab['importer']> {
  const importer = useLab().importer;
  if (!importer) throw new Error('LabContext has no importer: pass one to <LabContext.Provider>');
  return importer;
}

export function useImportState<T>(select: (state: ImportState) => T): T {
  return useStore(useImporter().store, select);
}

export function useImportActions(): ImportActions {
  return useImporter().actions;
}

/** Share links: null where the page offers none (the controls then do not render). */
export function useShare(): NonNullable<Lab['share']> | null {
  return useLab().share ?? null;
}

/** The Runs panel: null where the page offers none. */
export function useRuns(): NonNullable<Lab['runs']> | null {
  return useLab().runs ?? null;
}

function useSweep(): NonNullable<Lab['sweep']> {
  const sweep = useLab().sweep;
  if (!sweep) throw new Error('LabContext has no sweep: pass one to <LabContext.Provider>');
  return sweep;
}

/** Whether the page offers sweeps (decides if a sweep cell shows its panel). */
export function useHasSweep(): boolean {
  return useLab().sweep !== undefined;
}

export function useSweepState<T>(select: (state: SweepState) => T): T {
  return useStore(useSweep().store, select);
}

export function useSweepActions(): SweepActions {
  return useSweep().actions;
}

/** The gates view of the run: null where the page offers none (model cells then show no gates). */
export function useRunGates(): NonNullable<Lab['runGates']> | null {
  return useLab().runGates ?? null;
}
