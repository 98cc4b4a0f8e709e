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
      <SkipLink />
      <Header />
      {view === 'datasets' && <DatasetsPanel />}
      {view === 'import' && <ImportWizard />}
      {view === 'library' && <LibraryPanel />}
      {view === 'sql' && <SqlPanel />}
      <StatusBar />
    </div>
  );
}

/** The first Tab stop: straight past the header to the view's own content. */
function SkipLink() {
  return (
    <a
      href="#main"
      className="skip-link"
      onClick={(e) => {
        e.preventDefault();
        const main = document.querySelector<HTMLElement>('main');
        if (!main) return;
        main.tabIndex = -1;
        main.focus();
      }}
    >
      Skip to the main content
    </a>
  );
}
