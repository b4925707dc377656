import type { CsvImporter } from '../services/csvImport';
import type { NotebookDoc } from './labState';
import {
  fixesFromChoices,
  initialImportState,
  mappingFromRoles,
  rolesFromMapping,
  type CsvRole,
  type FixChoices,
  type ImportState,
} from './importState';
import type { Store } from './store';

/** Files up to this many rows are described (danfojs) as soon as they are parsed; larger on request. */
const AUTO_DESCRIBE_ROWS = 100_000;

export interface ImportActions {
  chooseFile(file: File): Promise<void>;
  setRole(role: CsvRole, header: string): void;
  /** Keeps or leaves out an extra column. */
  toggleColumn(header: string): void;
  /** Parses every row again with the roles and columns chosen. */
  applyMapping(): Promise<void>;
  describe(): Promise<void>;
  setFixes(patch: Partial<FixChoices>): Promise<void>;
  createNotebook(): Promise<void>;
  reset(): void;
}

export interface ImportDeps {
  importer: CsvImporter;
  /** The lab's addNotebook: stores the notebook, lists it and opens it. */
  addNotebook(id: string, doc: NotebookDoc): Promise<void>;
  now?: () => number;
}

function message(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

export function createImportActions(store: Store<ImportState>, deps: ImportDeps): ImportActions {
  const now = deps.now ?? (() => performance.now());
  // Every file and every fixes change gets a number; answers to older ones are dropped.
  let fileGeneration = 0;
  let fixesGeneration = 0;
  let startedAt = 0;
  const progress = (generation: number) => (busy: string) => {
    if (generation === fileGeneration) store.setState({ busy });
  };

  const refreshFixes = async (): Promise<void> => {
    const generation = ++fixesGeneration;
    const { parsed, fixes } = store.getState();
    if (!parsed) return;
    try {
      const fixPreview = await deps.importer.previewFixes(fixesFromChoices(fixes));
      if (generation === fixesGeneration) store.setState({ fixPreview });
    } catch (error) {
      if (generation === fixesGeneration) store.setState({ fixPreview: { applied: null, error: message(error) } });
    }
  };

  const actions: ImportActions = {
    async chooseFile(file) {
      const generation = ++fileGeneration;
      startedAt = now();
      store.setState({ ...initialImportState(), step: 'reading', fileName: file.name, fileBytes: file.size, busy: `reading ${file.name}` });
      try {
        const opened = await deps.importer.open(file, progress(generation));
        if (generation !== fileGeneration) return;
        store.setState({
          step: 'review',
          headers: opened.headers,
          preview: opened.preview,
          roles: rolesFromMapping(opened.suggested),
          exclude: opened.textColumns,
          error: opened.mappingError,
          busy: null,
        });
        if (opened.suggested) await actions.applyMapping();
      } catch (error) {
        if (generation === fileGeneration) store.setState({ step: 'idle', busy: null, error: message(error) });
      }
    },

    setRole(role, header) {
      store.setState((s) => ({ roles: { ...s.roles, [role]: header }, exclude: s.exclude.filter((h) => h !== header) }));
    },

    toggleColumn(header) {
      store.setState((s) => ({ exclude: s.exclude.includes(header) ? s.exclude.filter((h) => h !== header) : [...s.exclude, header] }));
    },

    async applyMapping() {
      const generation = fileGeneration;
      const { roles, exclude } = store.getState();
      const started = now();
      store.setState({ busy: 'parsing every row', parsed: null, fixPreview: null, describe: null, error: null });
      try {
        const parsed = await deps.importer.parse(mappingFromRoles(roles), exclude, progress(generation));
        if (generation !== fileGeneration) return;
        store.setState({ parsed, roles: rolesFromMapping(parsed.mapping), parseMs: now() - started, busy: null });
        await refreshFixes();
        if (parsed.rows <= AUTO_DESCRIBE_ROWS) await actions.describe();
      } catch (error) {
        // The mapping stays as chosen, so the user can correct it and apply again.
        if (generation === fileGeneration) store.setState({ busy: null, error: message(error) });
      }
    },

    async describe() {
      const generation = fileGeneration;
      if (!store.getState().parsed) return;
      store.setState({ describe: { status: 'loading', rows: [], error: null } });
      try {
        const rows = await deps.importer.describe();
        if (generation === fileGeneration) store.setState({ describe: { status: 'done', rows, error: null } });
      } catch (error) {
        if (generation === fileGeneration) store.setState({ describe: { status: 'error', rows: [], error: message(error) } });
      }
    },

    async setFixes(patch) {
      store.setState((s) => ({ fixes: { ...s.fixes, ...patch }, fixPreview: null }));
      await refreshFixes();
    },

    async createNotebook() {
      const generation = fileGeneration;
      const state = store.getState();
      if (!state.parsed || state.fixPreview?.error !== null) return;
      store.setState({ step: 'creating', busy: 'applying the fixes', error: null });
      try {
        const result = await deps.importer.finish(fixesFromChoices(state.fixes), progress(generation));
        store.setState({ busy: 'opening the notebook' });
        await deps.addNotebook(result.id, result.doc);
        deps.importer.close();
        store.setState({
          step: 'done',
          busy: null,
          created: { notebookId: result.id, rows: result.rows, hash: result.hash, notes: result.notes, totalMs: now() - startedAt },
        });
      } catch (error) {
        // Nothing is lost: the file, mapping and fixes stay, and Create can be pressed again.
        store.setState({ step: 'review', busy: null, error: message(error) });
      }
    },

    reset() {
      fileGeneration++;
      deps.importer.close();
      store.setState(initialImportState());
    },
  };
  return actions;
}
