import { useLabActions, useLabState } from './LabContext';
import { RunCacheLine } from './RunCacheLine';
import { useHasNotebookLibrary } from './library/context';
import { LibraryBanners } from './library/LibraryBanners';
import { NotebookList } from './library/NotebookList';

/** Notebooks and datasets stored in this browser, with the space used; deleting a dataset frees its chunks. */
export function Library() {
  const actions = useLabActions();
  const library = useLabState((s) => s.library);
  const hasNotebooks = useHasNotebookLibrary();
  return (
    <section className="cell" data-testid="library">
      <button className="link" data-testid="library-toggle" onClick={() => void actions.toggleLibrary()}>
        {library.open ? 'Close the Library' : 'Library: notebooks and data stored in this browser'}
      </button>
      {hasNotebooks ? <LibraryBanners /> : null}
      {library.error ? <p className="error">{library.error}</p> : null}
      {library.open && hasNotebooks ? <NotebookList /> : null}
      {library.open && library.view ? (
        <>
          <h3>Datasets</h3>
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
