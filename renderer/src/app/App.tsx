import { useApi } from '../api/ApiContext';
import { useQuery } from '../api/useQuery';
import { useState } from 'react';
import { DatasetsPanel } from '../features/datasets/DatasetsPanel';
import { LibraryPanel } from '../features/library/LibraryPanel';
import { StatusBar } from '../features/operations/StatusBar';

export function App() {
  const api = useApi();
  const info = useQuery('workspace.info', () => api['workspace.info']({}));
  const [view, setView] = useState<'datasets' | 'library'>('datasets');
  return (
    <div className="app">
      <header className="app-header">
        <h1>Community Safety Workbench</h1>
        <span className="workspace-name" aria-label="Workspace">
          {info.status === 'ready' ? info.value.name : ''}
        </span>
        <nav className="views" aria-label="Views">
          {(['datasets', 'library'] as const).map((v) => (
            <button key={v} type="button" aria-pressed={view === v} onClick={() => setView(v)}>
              {v === 'datasets' ? 'Datasets' : 'Library'}
            </button>
          ))}
        </nav>
      </header>
      {view === 'datasets' ? <DatasetsPanel /> : <LibraryPanel />}
      <StatusBar />
    </div>
  );
}
