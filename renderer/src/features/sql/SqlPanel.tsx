import { useMemo, useState } from 'react';
import type { Output } from '../../../../shared/api';
import { sqlErrorPosition, type SqlErrorPosition } from '../../../../shared/format/sqlErrorPosition';
import type { ApiError } from '../../../../shared/result';
import { useApi } from '../../api/ApiContext';
import { useQuery } from '../../api/useQuery';
import { useSession } from '../../app/session';
import { DataGrid } from '../grid/DataGrid';
import { DownloadCsvButton } from '../grid/DownloadCsvButton';
import { SaveAnalysisForm } from './SaveAnalysisForm';
import { SqlEditor } from './SqlEditor';

const starter = `-- Any single query over this workspace's datasets. Ctrl+Enter runs it.
SELECT offence_group, count(*) AS crimes
FROM crimes
GROUP BY ALL
ORDER BY crimes DESC`;

/** The SQL editor: an analyst's own query in the locked-down connection, its result in the grid, saved to the library. */
export function SqlPanel() {
  const api = useApi();
  const { ui, update } = useSession();
  const datasets = useQuery('datasets', () => api['datasets.list']({}));
  const [text, setText] = useState(ui.sql ?? starter);
  const [result, setResult] = useState<Output<'sql.run'> | null>(null);
  const [error, setError] = useState<(ApiError & { position: SqlErrorPosition | null }) | null>(null);
  const [errorAt, setErrorAt] = useState<{ offset: number } | null>(null);
  const [running, setRunning] = useState(false);
  const [saving, setSaving] = useState(false);
  const [saved, setSaved] = useState<string | null>(null);
  const listed = datasets.status === 'ready' ? datasets.value : null;
  const schema = useMemo(() => Object.fromEntries((listed?.datasets ?? []).map((d) => [d.name, d.columns.map((c) => c.name)])), [listed]);

  const run = async () => {
    if (running) return;
    setRunning(true);
    setError(null);
    setErrorAt(null);
    const ran = text;
    // The header's settings, so a query reading `params` runs the same here as it will once saved to the library.
    const params = Object.fromEntries(Object.entries({ area: ui.area, comparator: ui.comparator, from: ui.from, to: ui.to }).filter(([, v]) => v));
    const outcome = await api['sql.run']({ sql: ran, operationId: crypto.randomUUID(), params });
    setRunning(false);
    if (outcome.ok) {
      setResult(outcome.value);
      return;
    }
    setResult(null);
    const position = sqlErrorPosition(outcome.error.message, ran);
    setError({ ...outcome.error, position });
    setErrorAt(position ? { offset: position.offset } : null);
  };
  const edit = (value: string) => {
    setText(value);
    update({ sql: value });
  };

  return (
    <main className="content sql-panel" aria-label="SQL editor">
      <div className="sql-toolbar">
        <h2>SQL</h2>
        <span className="muted small">Read-only: queries see this workspace’s datasets and nothing else on the machine.</span>
        <button type="button" className="primary" disabled={running} onClick={() => void run()} aria-keyshortcuts="Control+Enter">
          {running ? 'Running…' : 'Run query'}
        </button>
        <button
          type="button"
          onClick={() => {
            setSaving((s) => !s);
            setSaved(null);
          }}
          aria-expanded={saving}
        >
          Save to library…
        </button>
      </div>
      <p className="muted small sql-params-note">
        Your query can read the header’s settings from <code>params</code>: <code>area</code> and <code>comparator</code> (names),{' '}
        <code>area_code</code> and <code>comparator_code</code>, <code>from</code> and <code>to</code>; and the districts and populations
        from <code>area_districts</code>, <code>comparator_districts</code>, <code>populations</code> and <code>ward_populations</code>.
      </p>
      <SqlEditor value={text} onChange={edit} onRun={() => void run()} schema={schema} errorAt={errorAt} />
      {saving && (
        <SaveAnalysisForm
          sql={text}
          onSaved={(message) => {
            setSaving(false);
            setSaved(message);
          }}
        />
      )}
      {saved && (
        <p role="status" className="muted">
          {saved}
        </p>
      )}
      {error && (
        <p role="alert" className="error sql-error">
          {error.position && <strong>Line {error.position.line}, column {error.position.column}: </strong>}
          {error.message.split('\n\nLINE')[0]}
        </p>
      )}
      {result && (
        <>
          <DataGrid key={result.resultId} source={{ kind: 'result', id: result.resultId }} columns={result.columns} label="Query result" rowCount={result.rowCount} />
          <p className="muted small">
            {result.rowCount.toLocaleString('en-GB')} rows in {Math.round(result.elapsedMs).toLocaleString('en-GB')} ms.{' '}
            <DownloadCsvButton resultId={result.resultId} fileName="query-result.csv" label="Download CSV (not suppressed: your own query; check it before sharing)" />
          </p>
        </>
      )}
    </main>
  );
}
