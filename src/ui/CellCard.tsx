import { memo, useMemo, useState } from 'react';
import { cellLabel } from '../state/labState';
import { cellForm, issuesWithin, type FormIssue } from '../state/forms';
import { CellStatus } from './CellStatus';
import { useEditActions } from './LabContext';
import { LazyMarkdown as Markdown } from './markdown/LazyMarkdown';
import { FormNodeView } from './form/FormNodeView';
import { DataSourceForm } from './source/DataSourceForm';
import { SweepPanel } from './sweep/SweepPanel';
import { RunGatesPanel } from './gates/RunGatesPanel';


function field(cell: unknown, key: string): unknown {
  return cell !== null && typeof cell === 'object' ? (cell as Record<string, unknown>)[key] : undefined;
}

function formatValue(value: unknown): string {
  if (Array.isArray(value)) return value.map(formatValue).join(', ');
  if (value !== null && typeof value === 'object') {
    return Object.entries(value as Record<string, unknown>)
      .map(([k, v]) => `${k}: ${formatValue(v)}`)
      .join(' · ');
  }
  return String(value);
}

/** One line of the cell's parameters, readable at a glance (and as text for search). */
function summary(cell: unknown): string {
  if (cell === null || typeof cell !== 'object') return '';
  return Object.entries(cell as Record<string, unknown>)
    .filter(([key]) => key !== 'id' && key !== 'kind' && key !== 'text')
    .map(([key, value]) => `${key}: ${formatValue(value)}`)
    .join(' — ');
}

function CellTools({ index, count, id }: { index: number; count: number; id: string }) {
  const edit = useEditActions();
  return (
    <span className="cell-tools">
      <button type="button" className="icon" aria-label={`move ${id} up`} data-testid={`cell-up-${id}`} disabled={index === 0} onClick={() => edit.moveCell(index, -1)}>
        ↑
      </button>
      <button type="button" className="icon" aria-label={`move ${id} down`} data-testid={`cell-down-${id}`} disabled={index === count - 1} onClick={() => edit.moveCell(index, 1)}>
        ↓
      </button>
      <button type="button" className="icon" aria-label={`duplicate ${id}`} data-testid={`cell-duplicate-${id}`} onClick={() => edit.duplicateCell(index)}>
        ⧉
      </button>
      <button type="button" className="icon" aria-label={`delete ${id}`} data-testid={`cell-delete-${id}`} disabled={count === 1} onClick={() => edit.deleteCell(index)}>
        🗑
      </button>
    </span>
  );
}

/**
 * One cell of the draft: its title and tools, and the form generated from its declaration.
 * Memoized: an edit copies only the edited cell, so the other cells skip rendering.
 */
export const CellCard = memo(function CellCard({ cell, index, count, issues }: { cell: unknown; index: number; count: number; issues: readonly FormIssue[] }) {
  const [changingSource, setChangingSource] = useState(false);
  const form = useMemo(() => cellForm(cell, index), [cell, index]);
  const own = useMemo(() => issuesWithin(issues, ['cells', index]), [issues, index]);
  const kind = String(field(cell, 'kind'));
  const id = String(field(cell, 'id'));
  const source = field(cell, 'source');
  const synthetic = kind === 'data' && field(source, 'type') === 'demo';
  const text = field(cell, 'text');
  return (
    <article className={`cell${kind === 'markdown' ? ' cell-markdown' : ''}${own.length ? ' has-errors' : ''}`} data-testid={`cell-${id}`} data-cell-index={index}>
      <header>
        <span className="cell-kind">{cellLabel(kind)}</span>
        <CellStatus cellId={id} />
        {synthetic ? <span className="badge synthetic">synthetic data</span> : null}
        <CellTools index={index} count={count} id={id} />
      </header>
      {kind === 'markdown' && typeof text === 'string' ? <Markdown text={text} /> : <p className="cell-summary">{summary(cell)}</p>}
      {form.member ? (
        kind === 'markdown' ? (
          <details className="cell-form">
            <summary>Edit text</summary>
            {form.member.children.map((child) => (
              <FormNodeView key={String(child.key)} node={child} issues={issues} />
            ))}
          </details>
        ) : (
          <div className="cell-form">
            {form.member.children.map((child) => (
              <FormNodeView key={String(child.key)} node={child} issues={issues} />
            ))}
          </div>
        )
      ) : (
        <p className="error">unknown cell kind “{kind}”</p>
      )}
      {kind === 'data' ? (
        <button className="link" data-testid="change-source" onClick={() => setChangingSource((v) => !v)}>
          {changingSource ? 'Close' : 'Change data source…'}
        </button>
      ) : null}
      {changingSource ? <DataSourceForm onDone={() => setChangingSource(false)} /> : null}
      {kind === 'sweep' ? <SweepPanel /> : null}
      {kind === 'model' ? <RunGatesPanel cellId={id} /> : null}
    </article>
  );
});
