import { useEffect, useState } from 'react';
import type { Output } from '../../../../shared/api';
import type { ApiError } from '../../../../shared/result';
import { useApi } from '../../api/ApiContext';
import { notifyDataChanged } from '../../api/dataChanged';

type Removal = Output<'imports.removal'>;

const rows = (counts: Record<string, number>) =>
  Object.entries(counts)
    .map(([dataset, n]) => `${n.toLocaleString('en-GB')} ${dataset} row${n === 1 ? '' : 's'}`)
    .join(', ');

/**
 * The confirmation before an import is taken out: what goes (its rows per dataset, its quarantine, its record) and
 * what comes back (rows it had replaced), or why it cannot be removed. Nothing changes until Remove is pressed.
 */
export function RemoveImport({ importId, file, onDone, onCancel }: { importId: number; file: string; onDone: (message: string) => void; onCancel: () => void }) {
  const api = useApi();
  const [removal, setRemoval] = useState<Removal | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    let live = true;
    void api['imports.removal']({ importId }).then((result) => {
      if (!live) return;
      if (result.ok) setRemoval(result.value);
      else setError(result.error);
    });
    return () => {
      live = false;
    };
  }, [api, importId]);

  const remove = async () => {
    setBusy(true);
    const result = await api['imports.remove']({ importId });
    setBusy(false);
    if (!result.ok) return setError(result.error);
    notifyDataChanged();
    onDone(`Import #${importId} (${file}) was removed: ${rows(result.value.removed) || 'no rows'} taken out${Object.keys(result.value.restored).length ? `; ${rows(result.value.restored)} it had replaced are back` : ''}.`);
  };

  return (
    <div role="alertdialog" aria-label={`Remove import #${importId}`} className="confirm-box">
      {!removal && !error && <p className="muted">Working out what would go…</p>}
      {removal && (
        <>
          <p>
            <strong>
              Remove import #{importId} ({file})?
            </strong>
          </p>
          {removal.refusal ? (
            <p className="warn-text">{removal.refusal}</p>
          ) : (
            <ul>
              <li>Goes: {rows(removal.removed) || 'no rows (a later import already replaced them)'}.</li>
              <li>
                Its quarantine ({removal.quarantine.toLocaleString('en-GB')} row{removal.quarantine === 1 ? '' : 's'}) and its record go too; the audit log keeps a note of the removal.
              </li>
              {Object.keys(removal.restored).length > 0 && <li>Comes back: {rows(removal.restored)} that this import had replaced.</li>}
            </ul>
          )}
        </>
      )}
      {error && (
        <p role="alert" className="error">
          {error.message}
        </p>
      )}
      <div className="wizard-actions">
        {removal && !removal.refusal && (
          <button type="button" className="primary danger" disabled={busy} onClick={() => void remove()}>
            Remove import #{importId}
          </button>
        )}
        <button type="button" disabled={busy} onClick={onCancel}>
          Keep it
        </button>
      </div>
    </div>
  );
}
