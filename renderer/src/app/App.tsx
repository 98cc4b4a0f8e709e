import { DatasetsPanel } from '../features/datasets/DatasetsPanel';
import { ImportWizard } from '../features/import/ImportWizard';
import { LibraryPanel } from '../features/library/LibraryPanel';
import { StatusBar } from '../features/operations/StatusBar';
import { SqlPanel } from '../features/sql/SqlPanel';
import { Header } from './Header';
import { SessionProvider, useSession } from './session';

/** The workbench: one workspace at a time, reloaded whole when the analyst switches to another. */
export function App() {
  return (
    <SessionProvider
      fallback={(error) => (
        <div className="app-loading">{error ? <p role="alert" className="error">{error}</p> : <p className="muted">Opening the workspace…</p>}</div>
      )}
    >
      {(session) => <Workbench key={session.current.path} />}
    </SessionProvider>
  );
}

function Workbench() {
  const { ui } = useSession();
  const view = ui.view ?? 'datasets';
  return (
    <div className="app">
      <Header />
      {view === 'datasets' && <DatasetsPanel />}
      {view === 'import' && <ImportWizard />}
      {view === 'library' && <LibraryPanel />}
      {view === 'sql' && <SqlPanel />}
      <StatusBar />
    </div>
  );
}
