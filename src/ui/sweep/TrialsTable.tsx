import { useState } from 'react';
import type { SweepTrial } from '../../state/sweepState';
import { objectiveText, valueText } from './sweepViews';

type SortKey = 'objective' | 'folds' | 'ms' | 'status' | `param:${string}`;

function sortValue(trial: SweepTrial, key: SortKey): number | string {
  if (key.startsWith('param:')) {
    const value = trial.params[key.slice(6)];
    return typeof value === 'number' ? value : String(value ?? '');
  }
  if (key === 'objective') return trial.objective ?? -Infinity;
  if (key === 'status') return trial.status;
  return trial[key as 'folds' | 'ms'];
}

/** Every trial with its parameters, objective, folds run, status and time; a header click sorts by it. */
export function TrialsTable({ trials, parameters, bestId }: { trials: readonly SweepTrial[]; parameters: readonly string[]; bestId: string | null }) {
  const [sort, setSort] = useState<{ key: SortKey; descending: boolean }>({ key: 'objective', descending: true });
  const sorted = [...trials].sort((a, b) => {
    const x = sortValue(a, sort.key);
    const y = sortValue(b, sort.key);
    const order = typeof x === 'number' && typeof y === 'number' ? x - y : String(x).localeCompare(String(y));
    return sort.descending ? -order : order;
  });
  const header = (key: SortKey, label: string) => (
    <th key={key}>
      <button className="link" data-testid={`sort-${key}`} onClick={() => setSort((s) => ({ key, descending: s.key === key ? !s.descending : true }))}>
        {label}
        {sort.key === key ? (sort.descending ? ' ▼' : ' ▲') : ''}
      </button>
    </th>
  );
  return (
    <table className="metrics" data-testid="sweep-trials">
      <thead>
        <tr>
          {parameters.map((name) => header(`param:${name}`, name))}
          {header('objective', 'objective')}
          {header('folds', 'folds')}
          {header('status', 'status')}
          {header('ms', 'time')}
        </tr>
      </thead>
      <tbody>
        {sorted.map((trial) => (
          <tr key={trial.id} data-testid="sweep-trial" className={trial.id === bestId ? 'best' : undefined} title={trial.error ?? trial.id}>
            {parameters.map((name) => (
              <td key={name}>{valueText(trial.params[name])}</td>
            ))}
            <td>{objectiveText(trial.objective)}</td>
            <td>{trial.folds}</td>
            <td>{trial.status}</td>
            <td>{(trial.ms / 1000).toFixed(1)} s</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
