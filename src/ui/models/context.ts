import { useContext } from 'react';
import type { ModelActions } from '../../state/modelActions';
import type { ModelsState } from '../../state/modelsState';
import { useStore } from '../../state/useStore';
import { LabContext } from '../LabContext';

function useModels() {
  const models = useContext(LabContext)?.models;
  if (!models) throw new Error('LabContext has no models: pass one to <LabContext.Provider>');
  return models;
}

export function useModelsState<T>(select: (state: ModelsState) => T): T {
  return useStore(useModels().store, select);
}

export function useModelActions(): ModelActions {
  return useModels().actions;
}
