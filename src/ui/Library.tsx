import { useLabActions, useLabState } from './LabContext';
import { RunCacheLine } from './RunCacheLine';

/** Datasets stored in this browser, with the space used; deleting one frees its chunks. */
export function Library() {
  const actions = useLabActions();
  const library = useLabState((s) => s.library);
  return (
    <section className="cell" data-testid="library">
      <button className="link" data-testid="library-toggle" onClick={() => void actions.toggleLibrary()}>
        {library.open ? 'Close the Library' : 'Library: data stored in this browser'}
      </button>
      {library.error ? <p className="error">{library.error}</p> : null}
      {library.open && library.view ? (
        <>
          <p className="muted" data-testid="library-usage">
            {library.view.usage ? `This site uses ${library.view.usage}.` : 'This browser does not report storage use.'} Runs keep their reports when a dataset is deleted.
          </p>
          <RunCacheLine />
          <table className="metrics" data-testid="library-datasets">
            <tbody>
              {library.view.datasets.map((d) => (
                <tr key={d.id}>
                  <td>
                    {d.name}
                    {d.synthetic ? ' (synthetic)' : ''}
                  </td>
                  <td>{d.rows} bars</td>
                  <td>{d.range}</td>
                  <td>
                    <button data-testid={`library-delete-${d.id.slice(0, 12)}`} onClick={() => void actions.deleteDataset(d.id)}>
                      Delete
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          {library.view.datasets.length === 0 ? <p className="muted">No datasets stored.</p> : null}
        </>
      ) : null}
    </section>
  );
}
