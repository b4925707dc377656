import { cellLabel, type Cell } from '../state/labState';
import { useState } from 'react';
import { CellStatus } from './CellStatus';
import { Markdown } from './Markdown';
import { DataSourceForm } from './source/DataSourceForm';


function formatValue(value: unknown): string {
  if (Array.isArray(value)) return value.map(formatValue).join(', ');
  if (value !== null && typeof value === 'object') {
    return Object.entries(value as Record<string, unknown>)
      .map(([k, v]) => `${k}: ${formatValue(v)}`)
      .join(' · ');
  }
  return String(value);
}

export function CellCard({ cell }: { cell: Cell }) {
  if (cell.kind === 'markdown') {
    return (
      <article className="cell cell-markdown" data-testid={`cell-${cell.id}`}>
        <Markdown text={cell.text} />
      </article>
    );
  }
  return <ParamsCard cell={cell} />;
}

function ParamsCard({ cell }: { cell: Exclude<Cell, { kind: 'markdown' }> }) {
  const [editing, setEditing] = useState(false);
  const { id: _id, kind: _kind, ...params } = cell;
  const synthetic = cell.kind === 'data' && cell.source.type === 'demo';
  return (
    <article className="cell" data-testid={`cell-${cell.id}`}>
      <header>
        <span className="cell-kind">{cellLabel(cell.kind)}</span>
        <CellStatus cellId={cell.id} />
        {synthetic ? <span className="badge synthetic">synthetic data</span> : null}
      </header>
      <dl>
        {Object.entries(params).map(([key, value]) => (
          <div key={key} className="param">
            <dt>{key}</dt>
            <dd>{formatValue(value)}</dd>
          </div>
        ))}
      </dl>
      {cell.kind === 'data' ? (
        <button className="link" data-testid="change-source" onClick={() => setEditing((v) => !v)}>
          {editing ? 'Close' : 'Change data source…'}
        </button>
      ) : null}
      {editing ? <DataSourceForm onDone={() => setEditing(false)} /> : null}
    </article>
  );
}
