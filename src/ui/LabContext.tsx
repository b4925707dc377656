import { createContext, useContext } from 'react';
import type { LabActions } from '../state/labActions';
import type { LabState } from '../state/labState';
import type { Store } from '../state/store';
import { useStore } from '../state/useStore';

export interface Lab {
  store: Store<LabState>;
  actions: LabActions;
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
