import { useMemo, useState } from 'react';
import type { Output } from '../../../../shared/api';
import type { ColumnFormat } from '../../../../shared/format/present';
import type { ApiError } from '../../../../shared/result';
import { useApi } from '../../api/ApiContext';
import { useQuery } from '../../api/useQuery';
import { DataGrid } from '../grid/DataGrid';
import { AnalysisList } from './AnalysisList';
import { ParameterForm, type ParameterValues } from './ParameterForm';
import { useSession } from '../../app/session';
import { sharedValues } from './sharedParameters';
import { ChartPanel } from '../charts/ChartPanel';
import { BoardPackDialog } from '../charts/BoardPackDialog';
import { SidebarToggle } from '../../components/SidebarToggle';
import { ResultWarnings } from './ResultWarnings';

type Ran = Output<'analyses.run'>;

/** The library: choose an analysis, set its parameters, run it, read the result with its method and provenance. */
export function LibraryPanel() {
  const api = useApi();
  const library = useQuery('analyses', () => api['analyses.list']({}));
  const { ui, update } = useSession();
  const selected = ui.analysis ?? null;
  const [result, setResult] = useState<Ran | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [running, setRunning] = useState(false);
  const [packOpen, setPackOpen] = useState(false);
  const analyses = library.status === 'ready' ? library.value.analyses : [];
  const analysis = analyses.find((a) => a.id === selected) ?? null;
  const presentation = useMemo(
    () => Object.fromEntries((analysis?.columns ?? []).map((c) => [c.name, { label: c.label, format: c.format as ColumnFormat }])),
    [analysis],
  );

  const run = async (params: ParameterValues) => {
    if (!analysis) return;
    setRunning(true);
    setError(null);
    // The header's area, comparator and period apply to every analysis that takes them; empty means the default.
    const shared = sharedValues(analysis, ui);
    const outcome = await api['analyses.run']({ id: analysis.id, params: { ...shared, ...params }, operationId: crypto.randomUUID() });
    setRunning(false);
    if (outcome.ok) setResult(outcome.value);
    else {
      setResult(null);
      setError(outcome.error);
    }
  };

  return (
    <div className={`library-layout${ui.sidebarCollapsed ? ' sidebar-collapsed' : ''}`}>
      <SidebarToggle label="analysis list" />
      <nav className="sidebar" aria-label="Analysis library">
        <div className="sidebar-heading">
          <h2>Library</h2>
          <button type="button" onClick={() => setPackOpen(true)} disabled={analyses.length === 0}>
            Board pack…
          </button>
        </div>
        {packOpen && <BoardPackDialog analyses={analyses} onClose={() => setPackOpen(false)} />}
        {library.status === 'error' && <p role="alert" className="error">{library.error.message}</p>}
        <AnalysisList
          analyses={analyses}
          selected={selected}
          onSelect={(id) => {
            update({ analysis: id });
            setResult(null);
            setError(null);
          }}
        />
      </nav>
      <main className="content library-content">
        {!analysis && <p className="muted placeholder">Choose an analysis to run it.</p>}
        {analysis && (
          <>
            <header>
              <h2>{analysis.title}</h2>
              <p className="muted">{analysis.description}</p>
            </header>
            <ParameterForm key={analysis.id} analysis={analysis} running={running} onRun={run} />
            {error && (
              <p role="alert" className="error">
                {error.message}
              </p>
            )}
            {result && (
              <>
                <ResultWarnings warnings={result.warnings} notes={result.notes} />
                <ChartPanel key={result.resultId} analysis={analysis} resultId={result.resultId} />
                <DataGrid
                  key={result.resultId}
                  source={{ kind: 'result', id: result.resultId }}
                  columns={result.columns}
                  label={`${analysis.title}${result.area ? `: ${result.area}` : ''}${result.comparator ? ` compared with ${result.comparator}` : ''}`}
                  rowCount={result.rowCount}
                  presentation={presentation}
                />
                <footer className="provenance">
                  <p>
                    <strong>Method.</strong> {analysis.method}
                  </p>
                  <p className="muted">
                    Analysis <code>{analysis.id}</code> with{' '}
                    {Object.entries(result.parameters)
                      .map(([k, v]) => `${k} ${v}`)
                      .join(', ')}
                    .
                  </p>
                </footer>
              </>
            )}
          </>
        )}
      </main>
    </div>
  );
}
