/**
 * Share links in the page: "Copy link" for the open notebook (length shown, warned over 8,000
 * characters, refused over 32,000 with the file export offered), and opening the page's own link:
 * the notebook is shown "from a link" and NOTHING runs (no run, no restore, no download, no worker)
 * until the user presses Run. A CSV it reads is asked for and checked against the link's hash.
 */
import { notebookHash } from '../notebook/canonical';
import type { CsvSourceSpec, NotebookDoc } from '../notebook/schema';
import { encodeNotebookLink, LINK_LIMITS, linkSizeLevel, readNotebookLink } from '../notebook/shareLink';
import type { LinkData } from '../services/linkData';
import type { LabActions } from './labActions';
import type { LabState } from './labState';
import type { LinkedCsv, ShareState } from './shareState';
import type { Store } from './store';

export interface ShareActions {
  copyLink(): Promise<void>;
  /** Opens the notebook of a link (the page's `#nb=...`); false when it could not be decoded. */
  openLink(link: string): Promise<boolean>;
  /** Forks the linked notebook into the user's library and opens the copy. */
  saveToLibrary(): Promise<void>;
  /** The recipient's file for the linked CSV source. */
  provideCsv(file: Blob): Promise<void>;
}

export interface ShareDeps {
  labActions: Pick<LabActions, 'addNotebook'>;
  linkData: LinkData;
  /** The page's URL without its fragment (the link is this plus `#nb=...`). */
  pageUrl(): string;
  writeClipboard(text: string): Promise<void>;
}

const message = (error: unknown) => (error instanceof Error ? error.message : String(error));

function linkedCsvSource(doc: NotebookDoc): (CsvSourceSpec & { hash: string }) | null {
  for (const cell of doc.cells) {
    if (cell.kind === 'data' && cell.source.type === 'csv' && cell.source.hash) return { ...cell.source, hash: cell.source.hash };
  }
  return null;
}

export function createShareActions(store: Store<ShareState>, lab: Store<LabState>, deps: ShareDeps): ShareActions {
  const setCsv = (csv: LinkedCsv) => store.setState((s) => (s.opened ? { opened: { ...s.opened, csv } } : {}));

  return {
    async copyLink() {
      const { doc } = lab.getState();
      if (!doc) return;
      store.setState({ copied: { status: 'copying', chars: null, level: null, link: null, message: null } });
      try {
        const link = `${deps.pageUrl()}${await encodeNotebookLink(doc)}`;
        const level = linkSizeLevel(link.length);
        if (level === 'refuse') {
          const text = `the link would have ${link.length.toLocaleString('en-US')} characters, over the ${LINK_LIMITS.maxChars.toLocaleString('en-US')} a link may carry: export the notebook as a file instead`;
          store.setState({ copied: { status: 'refused', chars: link.length, level, link: null, message: text } });
          return;
        }
        const warning = level === 'warn' ? `over ${LINK_LIMITS.warnChars.toLocaleString('en-US')} characters: some chat apps and browsers cut links this long` : null;
        try {
          await deps.writeClipboard(link);
          store.setState({ copied: { status: 'copied', chars: link.length, level, link, message: warning } });
        } catch (error) {
          store.setState({ copied: { status: 'error', chars: link.length, level, link, message: `the clipboard refused the link (${message(error)}): copy it from the box` } });
        }
      } catch (error) {
        store.setState({ copied: { status: 'error', chars: null, level: null, link: null, message: `could not make the link: ${message(error)}` } });
      }
    },

    async openLink(link) {
      const outcome = await readNotebookLink(link);
      if (!outcome.ok) {
        store.setState({ failed: { kind: outcome.error.kind, message: outcome.error.message } });
        return false;
      }
      const doc = outcome.doc;
      const notebookId = `link-${notebookHash(doc).slice(0, 16)}`;
      const csvSource = linkedCsvSource(doc);
      store.setState({
        failed: null,
        opened: { notebookId, title: doc.title, savedAs: null, csv: csvSource ? { name: csvSource.name, hash: csvSource.hash, status: 'checking-store', message: null } : null },
      });
      lab.setState((s) => ({
        catalog: [...s.catalog.filter((e) => e.id !== notebookId), { id: notebookId, title: `${doc.title} (from a link)` }],
        notebookId,
        doc,
        status: 'idle',
        result: null,
        dataset: null,
        columnSummary: null,
        error: null,
        warning: null,
      }));
      if (csvSource) {
        const stored = await deps.linkData.has(csvSource.hash).catch(() => false);
        setCsv({ name: csvSource.name, hash: csvSource.hash, status: stored ? 'ready' : 'needed', message: null });
      }
      return true;
    },

    async saveToLibrary() {
      const { opened } = store.getState();
      const { doc, notebookId } = lab.getState();
      if (!opened || !doc || notebookId !== opened.notebookId) return;
      const id = `user-${Date.now().toString(36)}`;
      await deps.labActions.addNotebook(id, doc);
      if (lab.getState().notebookId === id) store.setState({ opened: { ...opened, savedAs: id } });
    },

    async provideCsv(file) {
      const { doc } = lab.getState();
      const source = doc ? linkedCsvSource(doc) : null;
      if (!source) return;
      setCsv({ name: source.name, hash: source.hash, status: 'reading', message: null });
      try {
        const check = await deps.linkData.checkCsv(file, source);
        if (check.ok) setCsv({ name: source.name, hash: source.hash, status: 'ready', message: `${check.rows} rows; the content hash matches the link's` });
        else setCsv({ name: source.name, hash: source.hash, status: 'refused', message: check.message });
      } catch (error) {
        setCsv({ name: source.name, hash: source.hash, status: 'refused', message: `could not read the file: ${message(error)}` });
      }
    },
  };
}
