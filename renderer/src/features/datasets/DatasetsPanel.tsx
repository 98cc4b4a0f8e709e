import { useMemo, useState } from 'react';
import { useApi } from '../../api/ApiContext';
import { useQuery } from '../../api/useQuery';
import { useDataVersion } from '../../api/dataChanged';
import { useSession } from '../../app/session';
import { DataGrid } from '../grid/DataGrid';
import { AuditLog } from './AuditLog';
import { DatasetList } from './DatasetList';
import { GettingStarted } from './GettingStarted';
import { Provenance } from './Provenance';
import { SidebarToggle } from '../../components/SidebarToggle';

/** Left: the dataset list. Right: the chosen dataset's rows in the paging grid, or where they came from. */
export function DatasetsPanel() {
  const api = useApi();
  const { ui, update } = useSession();
  const datasets = useQuery(`datasets:${useDataVersion()}`, () => api['datasets.list']({}), { keepWhileReloading: true });
  const [tab, setTab] = useState<'rows' | 'provenance'>('rows');
  const [showAudit, setShowAudit] = useState(false);
  const list = datasets.status === 'ready' ? datasets.value.datasets : [];
  const current = showAudit ? null : (list.find((d) => d.name === ui.dataset) ?? null);
  const source = useMemo(() => (current ? { kind: 'dataset' as const, name: current.name } : null), [current]);

  return (
    <div className={`datasets-layout${ui.sidebarCollapsed ? ' sidebar-collapsed' : ''}`}>
      <SidebarToggle label="dataset list" />
      <nav className="sidebar" aria-label="Workspace">
        <div className="sidebar-heading">
          <h2>Datasets</h2>
          <button type="button" onClick={() => update({ view: 'import' })}>
            Import a file…
          </button>
        </div>
        {datasets.status === 'loading' && <p className="muted">Loading…</p>}
        {datasets.status === 'error' && <p role="alert" className="error">{datasets.error.message}</p>}
        {datasets.status === 'ready' && (
          <DatasetList
            datasets={list}
            selected={current?.name ?? null}
            onSelect={(dataset) => {
              setShowAudit(false);
              update({ dataset });
            }}
          />
        )}
        <button type="button" className="audit-button" aria-pressed={showAudit} onClick={() => setShowAudit(true)}>
          Audit log
        </button>
      </nav>
      <main className="content dataset-content">
        {showAudit ? (
          <AuditLog />
        ) : current && source ? (
          <>
            <div role="tablist" aria-label={`${current.name} views`} className="tabs">
              <button type="button" role="tab" aria-selected={tab === 'rows'} onClick={() => setTab('rows')}>
                Rows
              </button>
              <button type="button" role="tab" aria-selected={tab === 'provenance'} onClick={() => setTab('provenance')}>
                Sources and quarantine
              </button>
            </div>
            {tab === 'rows' ? (
              <DataGrid key={current.name} source={source} columns={current.columns} label={current.name} rowCount={current.rowCount} />
            ) : (
              <Provenance dataset={current.name} />
            )}
          </>
        ) : datasets.status === 'ready' && needsGuide(list.map((d) => d.name)) ? (
          <GettingStarted present={list.map((d) => d.name)} />
        ) : (
          <p className="muted placeholder">Choose a dataset to browse it, or import a file.</p>
        )}
      </main>
    </div>
  );
}

/** The guide stays until the essentials are in: a lookup, a population and something to count. */
const needsGuide = (names: string[]) => !(names.includes('geography') && names.includes('population') && (names.includes('crimes') || names.includes('asb')));
