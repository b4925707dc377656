/**
 * Actions of the Models panel: train & save the open notebook's deployable model, list saved
 * models, forecast the next bar, export, import and delete. They read the open notebook and the
 * backend choice from the lab store and keep their own store; every failure becomes a message.
 */
import { CancelledError } from '../core/executor';
import type { ModelServices } from '../services/modelServices';
import type { LabState } from './labState';
import type { ModelFile, ModelsState } from './modelsState';
import type { Store } from './store';

export interface ModelActions {
  refresh(): Promise<void>;
  trainAndSave(): Promise<void>;
  cancel(): void;
  predict(id: string): Promise<void>;
  exportModel(id: string): Promise<void>;
  importFiles(files: readonly ModelFile[]): Promise<void>;
  remove(id: string): Promise<void>;
  /** Draws the gates of a saved LSTM/GRU model for the window ending at `date` (null: the last bar). */
  showGates(id: string, date: string | null): Promise<void>;
  hideGates(): void;
}

function message(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

const isCancel = (error: unknown): boolean => error instanceof Error && (error.name === 'CancelledError' || error.name === 'AbortError');

export function createModelActions(store: Store<ModelsState>, lab: Store<LabState>, services: ModelServices): ModelActions {
  let controller: AbortController | null = null;

  /** Runs `work` unless something else is under way; failures land in `error`, nothing else changes. */
  const exclusive = async (busy: NonNullable<ModelsState['busy']>, work: () => Promise<Partial<ModelsState>>, failure: string): Promise<void> => {
    if (store.getState().busy) return;
    store.setState({ busy, error: null, notice: null });
    try {
      store.setState({ ...(await work()), busy: null });
    } catch (error) {
      store.setState({ busy: null, ...(isCancel(error) ? { notice: 'Training cancelled; nothing was saved.' } : { error: `${failure}: ${message(error)}` }) });
    }
  };

  const actions: ModelActions = {
    async refresh() {
      try {
        const view = await services.list();
        store.setState({ loaded: true, models: view.models, damaged: view.damaged });
      } catch (error) {
        store.setState({ loaded: true, error: `could not read the saved models: ${message(error)}` });
      }
    },

    async trainAndSave() {
      const { doc, notebookId, backendPreference } = lab.getState();
      if (!doc || !notebookId || store.getState().busy) return;
      controller = new AbortController();
      const signal = controller.signal;
      await exclusive(
        { kind: 'training', fraction: 0, message: 'starting' },
        async () => {
          const saved = await services.trainAndSave(notebookId, doc, backendPreference, {
            signal,
            onProgress: (fraction, text) => store.setState({ busy: { kind: 'training', fraction, message: text } }),
          });
          const view = await services.list();
          return { models: view.models, damaged: view.damaged, notice: `Saved "${saved.name}".` };
        },
        'train & save failed',
      );
      controller = null;
    },

    cancel() {
      controller?.abort(new CancelledError());
    },

    async predict(id) {
      const { backendPreference } = lab.getState();
      await exclusive(
        { kind: 'predicting', id },
        async () => {
          const forecast = await services.predict(id, backendPreference);
          return { forecasts: { ...store.getState().forecasts, [id]: forecast } };
        },
        'forecast failed',
      );
    },

    async exportModel(id) {
      await exclusive({ kind: 'exporting', id }, async () => ({ exported: { id, files: await services.exportFiles(id) } }), 'export failed');
    },

    async importFiles(files) {
      const { backendPreference } = lab.getState();
      await exclusive(
        { kind: 'importing' },
        async () => {
          const saved = await services.importFiles(files, backendPreference);
          const view = await services.list();
          return { models: view.models, damaged: view.damaged, notice: `Imported "${saved.name}".` };
        },
        'import failed',
      );
    },

    async showGates(id, date) {
      await exclusive({ kind: 'gates', id }, async () => ({ gates: await services.gates(id, date) }), 'the gates view failed');
    },

    hideGates() {
      store.setState({ gates: null });
    },

    async remove(id) {
      await exclusive(
        { kind: 'deleting', id },
        async () => {
          const view = await services.remove(id);
          const { [id]: _gone, ...forecasts } = store.getState().forecasts;
          const exported = store.getState().exported?.id === id ? null : store.getState().exported;
          const gates = store.getState().gates?.modelId === id ? null : store.getState().gates;
          return { models: view.models, damaged: view.damaged, forecasts, exported, gates };
        },
        'delete failed',
      );
    },
  };
  return actions;
}
