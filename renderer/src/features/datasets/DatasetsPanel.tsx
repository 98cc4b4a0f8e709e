import { useApi } from '../../api/ApiContext';
import { useQuery } from '../../api/useQuery';
import { DataGrid } from '../grid/DataGrid';
import { DatasetList } from './DatasetList';
import { useMemo, useState } from 'react';

/** Left: the dataset list. Right: the chosen dataset in the paging grid. */
export function DatasetsPanel() {
  const api = useApi();
  const datasets = useQuery('datasets', () => api['datasets.list']({}));
  const [selected, setSelected] = useState<string | null>(null);
  const list = datasets.status === 'ready' ? datasets.value.datasets : [];
  const current = list.find((d) => d.name === selected) ?? null;
  const source = useMemo(() => (current ? { kind: 'dataset' as const, name: current.name } : null), [current]);

  return (
    <div className="datasets-layout">
      <nav className="sidebar" aria-label="Workspace">
        <h2>Datasets</h2>
        {datasets.status === 'loading' && <p className="muted">Loading…</p>}
        {datasets.status === 'error' && <p role="alert" className="error">{datasets.error.message}</p>}
        {datasets.status === 'ready' && <DatasetList datasets={list} selected={selected} onSelect={setSelected} />}
      </nav>
      <main className="content">
        {current && source ? (
          <DataGrid key={current.name} source={source} columns={current.columns} label={current.name} rowCount={current.rowCount} />
        ) : (
          <p className="muted placeholder">Choose a dataset to browse it.</p>
        )}
      </main>
    </div>
  );
}
