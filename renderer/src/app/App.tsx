import { useApi } from '../api/ApiContext';
import { useQuery } from '../api/useQuery';
import { DatasetsPanel } from '../features/datasets/DatasetsPanel';
import { StatusBar } from '../features/operations/StatusBar';

export function App() {
  const api = useApi();
  const info = useQuery('workspace.info', () => api['workspace.info']({}));
  return (
    <div className="app">
      <header className="app-header">
        <h1>Community Safety Workbench</h1>
        <span className="workspace-name" aria-label="Workspace">
          {info.status === 'ready' ? info.value.name : ''}
        </span>
      </header>
      <DatasetsPanel />
      <StatusBar />
    </div>
  );
}
