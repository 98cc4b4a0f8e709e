import { useState } from 'react';
import type { Output } from '../../../../shared/api';
import type { ApiError } from '../../../../shared/result';
import { useApi } from '../../api/ApiContext';
import { useQuery } from '../../api/useQuery';
import { DataGrid } from '../grid/DataGrid';
import { DownloadCsvButton } from '../grid/DownloadCsvButton';
import { RemoveImport } from './RemoveImport';

type Quarantine = Output<'imports.quarantine'> & { importId: number; file: string };

/** Where a dataset's rows came from: each import with its file, hash, time, profile and rows; and its quarantine. */
export function Provenance({ dataset }: { dataset: string }) {
  const api = useApi();
  const imports = useQuery('imports', () => api['imports.list']({}), { keepWhileReloading: true });
  const [quarantine, setQuarantine] = useState<Quarantine | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [removing, setRemoving] = useState<{ importId: number; file: string } | null>(null);
  const [removed, setRemoved] = useState<string | null>(null);
  const mine = imports.status === 'ready' ? imports.value.imports.filter((i) => (i.by_dataset[dataset] ?? 0) > 0) : [];

  const open = async (importId: number, file: string) => {
    setError(null);
    const result = await api['imports.quarantine']({ importId });
    if (result.ok) setQuarantine({ ...result.value, importId, file });
    else setError(result.error);
  };

  return (
    <section className="provenance-panel" aria-label={`${dataset} sources`}>
      {imports.status === 'error' && <p role="alert" className="error">{imports.error.message}</p>}
      {imports.status === 'ready' && mine.length === 0 && <p className="muted">No import recorded for {dataset}.</p>}
      {mine.length > 0 && (
        <table className="imports-table" aria-label={`Imports into ${dataset}`}>
          <thead>
            <tr>
              <th scope="col">#</th>
              <th scope="col">File</th>
              <th scope="col">Imported</th>
              <th scope="col">Profile</th>
              <th scope="col">Rows read</th>
              <th scope="col">Into {dataset}</th>
              <th scope="col">Quarantined</th>
              <th scope="col">SHA-256</th>
              <th scope="col">
                <span className="visually-hidden">Remove</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {mine.map((i) => (
              <tr key={i.import_id}>
                <td className="cell-number">{i.import_id}</td>
                <td>{i.file}</td>
                <td>{i.imported_at}</td>
                <td>{i.profile}</td>
                <td className="cell-number">{i.rows_read.toLocaleString('en-GB')}</td>
                <td className="cell-number">{(i.by_dataset[dataset] ?? 0).toLocaleString('en-GB')}</td>
                <td className="cell-number">
                  {i.rows_quarantined === 0 ? (
                    '0'
                  ) : (
                    <button type="button" className="link-button" onClick={() => void open(i.import_id, i.file)} aria-label={`View the ${i.rows_quarantined} quarantined rows of ${i.file}`}>
                      {i.rows_quarantined.toLocaleString('en-GB')} — view
                    </button>
                  )}
                </td>
                <td>
                  <code title={i.sha256}>{i.sha256.slice(0, 12)}…</code>
                  {(i.replaced_by ?? []).length > 0 && (
                    <span className="muted small"> · {i.replaced_by!.map((r) => `${r.kind === 'replace' ? 'replaced' : 'refreshed'} by #${r.import_id}`).join(', ')}</span>
                  )}
                </td>
                <td>
                  <button
                    type="button"
                    className="link-button"
                    aria-label={`Remove import #${i.import_id} (${i.file})`}
                    onClick={() => {
                      setRemoved(null);
                      setRemoving({ importId: i.import_id, file: i.file });
                    }}
                  >
                    Remove…
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {error && <p role="alert" className="error">{error.message}</p>}
      {removing && (
        <RemoveImport
          key={removing.importId}
          importId={removing.importId}
          file={removing.file}
          onCancel={() => setRemoving(null)}
          onDone={(message) => {
            setRemoving(null);
            setQuarantine(null);
            setRemoved(message);
            imports.reload();
          }}
        />
      )}
      {removed && (
        <p role="status" className="done-text">
          {removed}
        </p>
      )}
      {quarantine && (
        <>
          <DataGrid
            key={quarantine.resultId}
            source={{ kind: 'result', id: quarantine.resultId }}
            columns={quarantine.columns}
            label={`Quarantine of ${quarantine.file}`}
            rowCount={quarantine.rowCount}
          />
          <p>
            <DownloadCsvButton resultId={quarantine.resultId} fileName={`quarantine-${quarantine.importId}-${quarantine.file.replace(/\.[^.]+$/, '')}.csv`} label="Export the quarantine as CSV" />
          </p>
        </>
      )}
    </section>
  );
}
