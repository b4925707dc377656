import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseNotebook } from '../notebook/parse';
import type { NotebookDoc } from '../notebook/schema';
import { createEditActions } from './editActions';
import { selectCanRedo, selectDraft, selectEditBlock, selectIssues, selectUnsaved } from './editSession';
import { initialLabState, type LabState } from './labState';
import { createStore } from './store';

const tiny = parseNotebook(JSON.parse(readFileSync('public/notebooks/tiny.json', 'utf8')));
const FEE = ['cells', 5, 'feeBps'] as const;

function setup(notebookId = 'tiny') {
  const store = createStore<LabState>({
    ...initialLabState([{ id: 'tiny', title: 'Tiny', url: 'notebooks/tiny.json' }, { id: 'mine', title: 'Mine' }], 'auto'),
    notebookId,
    doc: tiny,
  });
  const saved: NotebookDoc[] = [];
  const selections: (readonly string[] | undefined)[] = [];
  let runs = 0;
  let clock = 0;
  const actions = createEditActions(store, {
    run: async (cells) => void (runs++, selections.push(cells)),
    save: async () => void saved.push(store.getState().doc!),
    now: () => (clock += 5000),
  });
  return { store, actions, saved, selections, runs: () => runs };
}

const backtest = (doc: NotebookDoc | null) => doc?.cells.find((c) => c.kind === 'backtest');

describe('edit actions', () => {
  it('a valid edit changes the doc; undo and redo walk it back and forth', () => {
    const { store, actions } = setup();
    actions.setField(FEE, 25);
    expect(backtest(store.getState().doc)).toMatchObject({ feeBps: 25 });
    actions.undo();
    expect(backtest(store.getState().doc)).toMatchObject({ feeBps: 10 });
    expect(selectCanRedo(store.getState())).toBe(true);
    actions.redo();
    expect(backtest(store.getState().doc)).toMatchObject({ feeBps: 25 });
  });

  it('an invalid edit keeps the typed value in the draft, the last valid doc, and blocks Run', async () => {
    const { store, actions, runs } = setup();
    actions.setField(FEE, -5);
    const state = store.getState();
    expect(backtest(state.doc)).toMatchObject({ feeBps: 10 });
    expect(selectIssues(state)).toEqual([{ path: [...FEE], message: expect.stringMatching(/>=0/) }]);
    expect(selectEditBlock(state)).toMatch(/cells\[5\]\.feeBps/);
    await actions.run();
    expect(runs()).toBe(0);
    expect(store.getState().error).toMatch(/invalid field/);
    actions.setField(FEE, 'abc');
    expect((selectDraft(store.getState()) as NotebookDoc).cells[5]).toMatchObject({ feeBps: 'abc' });
    actions.setField(FEE, 3);
    await actions.run();
    expect(runs()).toBe(1);
  });

  it('Shift+Enter runs the focused cell with its dependents and inputs; a notes cell runs nothing', async () => {
    const { store, actions, selections } = setup();
    await actions.runCell(5);
    await actions.run();
    expect(selections).toEqual([['data', 'features', 'model', 'walkforward', 'backtest'], undefined]);
    await actions.runCell(0);
    expect(selections).toHaveLength(2);
    expect(store.getState().warning).toMatch(/cell "intro" \(markdown\) computes nothing/);
    actions.setField(FEE, -1);
    await actions.runCell(5);
    expect(selections).toHaveLength(2);
    expect(store.getState().error).toMatch(/invalid field/);
  });

  it('adds, duplicates, moves and deletes cells with unique ids', () => {
    const { store, actions } = setup();
    actions.addCell('backtest');
    actions.duplicateCell(5);
    const ids = () => store.getState().doc!.cells.map((c) => c.id);
    expect(ids()).toEqual(['intro', 'data', 'features', 'model', 'walkforward', 'backtest', 'backtest-copy', 'backtest-2']);
    actions.moveCell(7, -1);
    expect(ids().slice(-2)).toEqual(['backtest-2', 'backtest-copy']);
    actions.moveCell(0, -1);
    expect(ids()[0]).toBe('intro');
    actions.deleteCell(6);
    expect(ids()).toHaveLength(7);
    expect(selectIssues(store.getState())).toEqual([]);
  });

  it('switching the model type gives that type with its defaults', () => {
    const { store, actions } = setup();
    actions.chooseType(['cells', 3, 'model'], 'ridge');
    expect(store.getState().doc!.cells[3]).toMatchObject({ model: { type: 'ridge', lookback: 8, lambda: 1 } });
  });

  it('optional objects and list items are added with their defaults and removed', () => {
    const { store, actions } = setup();
    actions.toggleOptional(['cells', 5, 'volTarget'], true);
    expect(backtest(store.getState().doc)).toHaveProperty('volTarget');
    actions.toggleOptional(['cells', 5, 'volTarget'], false);
    expect(backtest(store.getState().doc)).not.toHaveProperty('volTarget');
    actions.addItem(['cells', 2, 'features']);
    // A new features row starts as a valid feature (the declaration's first entry with its defaults).
    const features = () => (store.getState().doc!.cells[2] as { features: unknown[] }).features;
    expect(features()).toHaveLength(3);
    expect(selectIssues(store.getState())).toEqual([]);
    actions.remove(['cells', 2, 'features', 2]);
    expect(features()).toHaveLength(2);
    expect(selectIssues(store.getState())).toEqual([]);
  });

  it('a record (feature columns) gets keys with the value schema\'s default, errors at the key, and loses them', () => {
    const { store, actions } = setup();
    const columns = ['cells', 2, 'features', 1, 'columns'] as const;
    const rsi = () => (store.getState().doc!.cells[2] as { features: Record<string, unknown>[] }).features[1];
    actions.toggleOptional(columns, true);
    expect(rsi()).toMatchObject({ columns: {} });
    actions.addKey(columns, 'value');
    // The value schema (text of at least one character) has no default: the row waits, its error at its key.
    expect(selectIssues(store.getState())).toEqual([{ path: [...columns, 'value'], message: expect.stringMatching(/>=1 character/) }]);
    actions.setField([...columns, 'value'], 'open');
    expect(rsi()).toMatchObject({ name: 'rsi', columns: { value: 'open' } });
    actions.addKey(columns, 'value');
    expect(store.getState().error).toMatch(/columns: "value" is already there/);
    actions.remove([...columns, 'value']);
    expect(rsi()).toMatchObject({ columns: {} });
    expect(selectIssues(store.getState())).toEqual([]);
  });

  it('save stores the edited document through the library and marks it saved', async () => {
    const { store, actions, saved } = setup('mine');
    actions.setField(FEE, 20);
    expect(selectUnsaved(store.getState())).toBe(true);
    await actions.save();
    expect(saved.map((doc) => backtest(doc))).toEqual([expect.objectContaining({ feeBps: 20 })]);
    expect(selectUnsaved(store.getState())).toBe(false);
  });

  it('opening another doc starts a fresh history', () => {
    const { store, actions } = setup();
    actions.setField(FEE, 25);
    store.setState({ doc: tiny });
    actions.undo();
    expect(backtest(store.getState().doc)).toMatchObject({ feeBps: 10 });
    expect(selectUnsaved(store.getState())).toBe(false);
  });
});
