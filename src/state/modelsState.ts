import type { NextBarForecast } from '../notebook/nextBar';
import type { SavedModelGates } from '../services/gatesService';
import type { ModelFile, SavedModelView } from '../services/modelServices';
import type { DamagedModel } from '../storage/deployedModels';

/** What the Models panel is doing; null when idle. */
export type ModelsBusy =
  | { kind: 'training'; fraction: number; message: string }
  | { kind: 'predicting'; id: string }
  | { kind: 'exporting'; id: string }
  | { kind: 'importing' }
  | { kind: 'deleting'; id: string }
  | { kind: 'gates'; id: string };

export interface ModelsState {
  /** False until the list was read from storage once. */
  loaded: boolean;
  models: SavedModelView[];
  damaged: DamagedModel[];
  busy: ModelsBusy | null;
  /** The last forecast of each model shown, by model id. */
  forecasts: Record<string, NextBarForecast>;
  /** Files of the last export, ready to download. */
  exported: { id: string; files: ModelFile[] } | null;
  /** The gates view last drawn (one model, one window). */
  gates: SavedModelGates | null;
  /** A specific message; the list and the forecasts are kept. */
  error: string | null;
  notice: string | null;
}

export function initialModelsState(): ModelsState {
  return { loaded: false, models: [], damaged: [], busy: null, forecasts: {}, exported: null, gates: null, error: null, notice: null };
}

export type { NextBarForecast } from '../notebook/nextBar';
export type { ModelFile, SavedModelView } from '../services/modelServices';
export type { SavedModelGates } from '../services/gatesService';
export type { GatesView } from '../notebook/gates/gatesView';
export type { DamagedModel } from '../storage/deployedModels';
