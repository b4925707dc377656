import { CSV_ROLES, REQUIRED_ROLES, extraColumns } from '../../state/importState';
import { useImportActions, useImportState } from '../LabContext';
import { DescribeTable, PreviewTable } from './PreviewTables';

/** One select per role, the extra columns to keep, the first rows and the column statistics. */
export function MappingStep() {
  const actions = useImportActions();
  const headers = useImportState((s) => s.headers);
  const roles = useImportState((s) => s.roles);
  const exclude = useImportState((s) => s.exclude);
  const parsed = useImportState((s) => s.parsed);
  const busy = useImportState((s) => s.busy !== null);
  const extras = extraColumns({ headers, roles, parsed });
  return (
    <div data-testid="import-mapping">
      <h3>1. Columns</h3>
      <div className="tables">
        {CSV_ROLES.map((role) => (
          <label key={role} className="toggle">
            {role}
            {REQUIRED_ROLES.includes(role) ? ' *' : ''}{' '}
            <select data-testid={`map-${role}`} value={roles[role]} disabled={busy} onChange={(e) => actions.setRole(role, e.currentTarget.value)}>
              <option value="">{REQUIRED_ROLES.includes(role) ? '(choose)' : '(by name, or none)'}</option>
              {headers.map((h) => (
                <option key={h} value={h}>
                  {h}
                </option>
              ))}
            </select>
          </label>
        ))}
      </div>
      {extras.length > 0 ? (
        <p className="toggle">
          Extra columns kept:{' '}
          {extras.map((h) => (
            <label key={h} style={{ marginRight: '.6rem' }}>
              <input type="checkbox" data-testid={`keep-${h}`} checked={!exclude.includes(h)} disabled={busy} onChange={() => actions.toggleColumn(h)} /> {h}
            </label>
          ))}
        </p>
      ) : null}
      <button data-testid="apply-mapping" disabled={busy} onClick={() => void actions.applyMapping()}>
        {parsed ? 'Parse again with these columns' : 'Parse with these columns'}
      </button>
      <PreviewTable />
      <DescribeTable />
    </div>
  );
}
