import { describe, expect, it } from 'vitest';
import { createMemoryCache } from '../notebook/cache';
import { createLocalTrialRunner } from '../notebook/sweep/localRunner';
import { runSweep } from '../notebook/sweep/runSweep';
import { fixtureEnvironment, loadFixtureData, sweepNotebook } from '../notebook/sweep/sweep.testkit';
import { initialLabState, type LabState } from './labState';
import { createStore } from './store';
import { createSweepActions } from './sweepActions';
import { initialSweepState } from './sweepState';

describe('sweep actions', () => {
  it('a trial note that lands after the report (its own message channel) neither adds nor repeats a row', async () => {
    const doc = sweepNotebook();
    const store = createMemoryCache();
    const report = await runSweep(doc, {
      env: { loadData: loadFixtureData },
      runner: createLocalTrialRunner(() => ({ ...fixtureEnvironment(loadFixtureData), cache: store }), 1),
      backend: 'cpu',
      store,
    });
    const lab = createStore<LabState>({ ...initialLabState([], 'cpu'), doc });
    const sweep = createStore(initialSweepState());
    let late: (() => void) | null = null;
    const actions = createSweepActions(sweep, lab, {
      edit: { replaceDoc: () => true },
      sweep: async (_doc, _pref, calls) => {
        // Two notes arrive during the sweep (one twice), the rest only after it has answered.
        calls.onTrial(report.trials[0]!, 1, 6);
        calls.onTrial(report.trials[0]!, 1, 6);
        late = () => report.trials.forEach((t, i) => calls.onTrial(t, i + 1, 6));
        return report;
      },
    });
    await actions.start();
    late!();
    expect(sweep.getState().status).toBe('done');
    expect(sweep.getState().trials.map((t) => t.id)).toEqual(report.trials.map((t) => t.id));
  });
});
