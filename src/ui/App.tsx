import { BackendBadge } from './BackendBadge';
import { Library } from './Library';
import { ImportPanel } from './import/ImportPanel';
import { useHasModels, useLabState } from './LabContext';
import { Models } from './models/Models';
import { NotebookEditor } from './form/NotebookEditor';
import { DatasetPanel, Results } from './Results';
import { RunStatus } from './RunStatus';
import { Toolbar } from './Toolbar';
import { LinkBanner } from './share/LinkBanner';
import { RunsPanel } from './runs/RunsPanel';

export function App() {
  const doc = useLabState((s) => s.doc);
  const status = useLabState((s) => s.status);
  const hasModels = useHasModels();
  return (
    <div className="app">
      <header className="topbar">
        <h1>Crypto Forecast Lab</h1>
        <Toolbar />
        <BackendBadge />
      </header>
      <RunStatus />
      <LinkBanner />
      <main className="layout">
        <section className="notebook" data-testid="notebook">
          <ImportPanel />
          {doc ? <h2 data-testid="notebook-title">{doc.title}</h2> : <p className="muted">{status === 'loading' ? 'Loading notebook…' : 'No notebook open.'}</p>}
          {doc ? <NotebookEditor /> : null}
          <Library />
        </section>
        <section className="output">
          <DatasetPanel />
          <Results />
          <RunsPanel />
          {hasModels ? <Models /> : null}
        </section>
      </main>
    </div>
  );
}
