import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseNotebookJson } from '../notebook/parse';
import type { NotebookDoc } from '../notebook/schema';
import { encodeNotebookLink, LINK_LIMITS } from '../notebook/shareLink';
import type { LinkData } from '../services/linkData';
import { initialLabState, type LabState } from './labState';
import { createShareActions } from './shareActions';
import { initialShareState } from './shareState';
import { createStore } from './store';

const tiny = parseNotebookJson(readFileSync('public/notebooks/tiny.json', 'utf8'));
const csvHash = 'ab'.repeat(32);
const withCsv: NotebookDoc = { ...tiny, cells: tiny.cells.map((c) => (c.kind === 'data' ? { ...c, source: { type: 'csv', name: 'btc.csv', hash: csvHash } } : c)) };

function setup(stored: string[] = []) {
  const lab = createStore<LabState>(initialLabState([{ id: 'demo', title: 'Demo', url: 'notebooks/demo.json' }], 'auto'));
  const share = createStore(initialShareState());
  const clipboard: string[] = [];
  const added: string[] = [];
  // Only what a link may touch: the dataset store (read) and the clipboard. No runner, no fetch.
  const linkData: LinkData = {
    has: async (hash) => stored.includes(hash),
    checkCsv: async () => ({ ok: false, fileHash: 'f', linkHash: csvHash, message: 'different' }),
  };
  const actions = createShareActions(share, lab, {
    labActions: {
      addNotebook: async (id, doc) => {
        added.push(id);
        lab.setState({ notebookId: id, doc });
      },
    },
    linkData,
    pageUrl: () => 'https://lab.example/app/',
    writeClipboard: async (text) => void clipboard.push(text),
  });
  return { lab, share, actions, clipboard, added };
}

describe('share actions', () => {
  it('copies the open notebook’s link with its length', async () => {
    const { lab, share, actions, clipboard } = setup();
    lab.setState({ doc: tiny, notebookId: 'tiny' });
    await actions.copyLink();
    const link = `https://lab.example/app/${await encodeNotebookLink(tiny)}`;
    expect(clipboard).toEqual([link]);
    expect(share.getState().copied).toEqual({ status: 'copied', chars: link.length, level: 'ok', link, message: null });
  });

  it('refuses a link over 32,000 characters (offering the file) and copies nothing', async () => {
    const { lab, share, actions, clipboard } = setup();
    const notes = Array.from({ length: 40 }, (_, i) => ({ id: `n${i}`, kind: 'markdown' as const, text: Array.from({ length: 2500 }, (_, j) => ((i * 7919 + j * 104729) % 65536).toString(36)).join(' ') }));
    lab.setState({ doc: { ...tiny, cells: [...tiny.cells, ...notes] }, notebookId: 'x' });
    await actions.copyLink();
    expect(clipboard).toEqual([]);
    expect(share.getState().copied).toMatchObject({ status: 'refused', level: 'refuse', link: null });
    expect(share.getState().copied!.chars!).toBeGreaterThan(LINK_LIMITS.maxChars);
    expect(share.getState().copied!.message).toMatch(/over the 32,000 a link may carry: export the notebook as a file instead$/);
  });

  it('opens a link as a notebook marked from a link, idle, with no result, and asks for its CSV', async () => {
    const { lab, share, actions } = setup();
    expect(await actions.openLink(`https://lab.example/app/${await encodeNotebookLink(withCsv)}`)).toBe(true);
    const state = lab.getState();
    expect(state).toMatchObject({ doc: withCsv, status: 'idle', result: null });
    expect(state.notebookId).toMatch(/^link-[0-9a-f]{16}$/);
    expect(state.catalog.at(-1)).toEqual({ id: state.notebookId, title: `${tiny.title} (from a link)` });
    expect(share.getState().opened).toEqual({ notebookId: state.notebookId, title: tiny.title, savedAs: null, csv: { name: 'btc.csv', hash: csvHash, status: 'needed', message: null } });
    await actions.provideCsv(new Blob(['x']));
    expect(share.getState().opened?.csv).toMatchObject({ status: 'refused', message: 'different' });
  });

  it('a CSV already stored under the link’s hash is ready; "Save to my library" forks the notebook', async () => {
    const { lab, share, actions, added } = setup([csvHash]);
    await actions.openLink(await encodeNotebookLink(withCsv));
    expect(share.getState().opened?.csv?.status).toBe('ready');
    await actions.saveToLibrary();
    expect(added).toHaveLength(1);
    expect(lab.getState().notebookId).toBe(added[0]);
    expect(share.getState().opened?.savedAs).toBe(added[0]);
  });

  it('a damaged link leaves the page as it was and records the error kind and message', async () => {
    const { lab, share, actions } = setup();
    const link = await encodeNotebookLink(tiny);
    expect(await actions.openLink(link.slice(0, 41))).toBe(false);
    expect(lab.getState().doc).toBeNull();
    expect(share.getState().failed).toMatchObject({ kind: 'truncated' });
  });
});
