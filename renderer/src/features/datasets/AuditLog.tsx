import { auditDetailText } from '../../../../shared/format/auditDetail';
import { useApi } from '../../api/ApiContext';
import { useQuery } from '../../api/useQuery';
import { DataGrid } from '../grid/DataGrid';
import { DownloadCsvButton } from '../grid/DownloadCsvButton';
import type { ColumnPresentation } from '../grid/columnDefs';

// The log in words on screen; the exported CSV keeps every field exactly as recorded.
const presentation: Record<string, ColumnPresentation> = {
  logged_at: { label: 'When', format: 'date' },
  action: { label: 'Action', format: 'text' },
  subject: { label: 'What', format: 'text' },
  detail: { label: 'Details', format: 'text', text: (value) => auditDetailText(String(value)) },
  outcome: { label: 'Outcome', format: 'text' },
  message: { label: 'Message', format: 'text' },
};

/** The workspace's audit log: every import, check, analysis, query, export and save, with how it ended. */
export function AuditLog() {
  const api = useApi();
  const audit = useQuery('audit', () => api['audit.list']({}));
  if (audit.status === 'loading') return <p className="muted">Loading…</p>;
  if (audit.status === 'error') return <p role="alert" className="error">{audit.error.message}</p>;
  return (
    <>
      <DataGrid key={audit.value.resultId} source={{ kind: 'result', id: audit.value.resultId }} columns={audit.value.columns} label="Audit log" rowCount={audit.value.rowCount} presentation={presentation} />
      <p>
        <DownloadCsvButton resultId={audit.value.resultId} fileName="audit-log.csv" label="Export the audit log as CSV" />
      </p>
    </>
  );
}
