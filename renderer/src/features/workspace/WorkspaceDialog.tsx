import { useState, type FormEvent } from 'react';
import type { Output } from '../../../../shared/api';
import type { FilePurpose } from '../../../../shared/contracts/session';
import { dateTime } from '../../../../shared/format/dates';
import { useApi } from '../../api/ApiContext';
import { useSession } from '../../app/session';
import { Modal } from '../../components/Modal';

/** Open a recent workspace, open another file, or create a new one (empty or the sample). */
export function WorkspaceDialog({ onClose }: { onClose: () => void }) {
  const api = useApi();
  const { session, flush, switched } = useSession();
  const [openPath, setOpenPath] = useState('');
  const [newPath, setNewPath] = useState('');
  const [sample, setSample] = useState(false);
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  // A workspace that cannot be opened: its backups, offered as copies to open instead.
  const [damaged, setDamaged] = useState<{ path: string; backups: Output<'workspace.backups'>['backups'] } | null>(null);

  const act = async (label: string, call: () => ReturnType<typeof api['workspace.open']>, target?: string) => {
    setBusy(label);
    setError(null);
    setDamaged(null);
    await flush();
    const result = await call();
    setBusy(null);
    if (!result.ok) {
      setError(result.error.message);
      if (result.error.code === 'damaged' && target) {
        const listed = await api['workspace.backups']({ path: target });
        if (listed.ok) setDamaged({ path: target, backups: listed.value.backups });
      }
      return;
    }
    onClose();
    switched();
  };
  const browse = async (purpose: FilePurpose, set: (path: string) => void) => {
    const chosen = await api['files.choose']({ purpose });
    if (chosen.ok && chosen.value.path) set(chosen.value.path);
    else if (!chosen.ok) setError(chosen.error.message);
  };
  const submitOpen = (e: FormEvent) => {
    e.preventDefault();
    void act('Opening…', () => api['workspace.open']({ path: openPath.trim() }), openPath.trim());
  };
  const submitNew = (e: FormEvent) => {
    e.preventDefault();
    void act(sample ? 'Building the sample workspace…' : 'Creating…', () => api['workspace.create']({ path: newPath.trim(), sample }));
  };
  const others = session.recent.filter((r) => r.path !== session.current.path);

  return (
    <Modal title="Workspaces" onClose={onClose}>
      <p className="muted">
        Open: <strong>{session.current.name}</strong> <code className="path">{session.current.path}</code>
      </p>
      <section aria-labelledby="recent-heading">
        <h3 id="recent-heading">Recent workspaces</h3>
        {others.length === 0 ? (
          <p className="muted">No other workspaces yet.</p>
        ) : (
          <ul className="recent-list">
            {others.map((r) => (
              <li key={r.path}>
                <button type="button" disabled={busy !== null} onClick={() => void act('Opening…', () => api['workspace.open']({ path: r.path }), r.path)}>
                  <strong>{r.name}</strong> <span className="muted path">{r.path}</span>
                </button>
              </li>
            ))}
          </ul>
        )}
      </section>
      <form onSubmit={submitOpen} aria-label="Open a workspace file">
        <h3>Open a workspace file</h3>
        <PathRow label="Workspace file to open" placeholder="/path/to/workspace.duckdb" value={openPath} onChange={setOpenPath} submit="Open" disabled={busy !== null}
          onBrowse={session.canChooseFiles ? () => void browse('open-workspace', setOpenPath) : undefined} browseLabel="Browse…" />
      </form>
      <form onSubmit={submitNew} aria-label="Create a workspace">
        <h3>New workspace</h3>
        <PathRow label="New workspace file" placeholder="/path/to/new.duckdb" value={newPath} onChange={setNewPath} submit="Create" disabled={busy !== null}
          onBrowse={session.canChooseFiles ? () => void browse('new-workspace', setNewPath) : undefined} browseLabel="Choose…" />
        <label className="checkbox">
          <input type="checkbox" checked={sample} onChange={(e) => setSample(e.target.checked)} /> Fill it with the sample data (synthetic, built on this machine)
        </label>
      </form>
      {busy && (
        <p role="status" className="muted">
          {busy}
        </p>
      )}
      {error && (
        <p role="alert" className="error">
          {error}
        </p>
      )}
      {damaged && damaged.backups.length > 0 && (
        <ul className="recent-list" aria-label="Backups">
          {damaged.backups.map((b) => (
            <li key={b.path}>
              <button type="button" disabled={busy !== null} onClick={() => void act('Restoring…', () => api['workspace.restore']({ path: damaged.path, backup: b.path }))}>
                Open a copy of the backup taken {dateTime(b.takenAt)} <span className="muted">({(b.size / 1e6).toFixed(1)} MB)</span>
              </button>
            </li>
          ))}
        </ul>
      )}
    </Modal>
  );
}


interface PathRowProps {
  label: string;
  placeholder: string;
  value: string;
  onChange: (value: string) => void;
  submit: string;
  disabled: boolean;
  /** The native dialog, where there is one (the desktop app). */
  onBrowse?: () => void;
  browseLabel: string;
}

/** A file path typed or pasted, a dialog button where there is one, and the form's submit button. */
function PathRow({ label, placeholder, value, onChange, submit, disabled, onBrowse, browseLabel }: PathRowProps) {
  return (
    <div className="path-row">
      <input aria-label={label} placeholder={placeholder} value={value} onChange={(e) => onChange(e.target.value)} />
      {onBrowse && (
        <button type="button" onClick={onBrowse}>
          {browseLabel}
        </button>
      )}
      <button type="submit" disabled={disabled || !value.trim()}>
        {submit}
      </button>
    </div>
  );
}
