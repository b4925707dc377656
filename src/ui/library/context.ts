import { useContext } from 'react';
import type { LibraryActions } from '../../state/libraryActions';
import type { LibraryState } from '../../state/libraryState';
import { useStore } from '../../state/useStore';
import { LabContext } from '../LabContext';

function useNotebookLibrary() {
  const library = useContext(LabContext)?.library;
  if (!library) throw new Error('LabContext has no library: pass one to <LabContext.Provider>');
  return library;
}

/** Whether the page offers the notebook library (decides if its parts render at all). */
export function useHasNotebookLibrary(): boolean {
  return useContext(LabContext)?.library !== undefined;
}

export function useLibraryState<T>(select: (state: LibraryState) => T): T {
  return useStore(useNotebookLibrary().store, select);
}

export function useLibraryActions(): LibraryActions {
  return useNotebookLibrary().actions;
}
