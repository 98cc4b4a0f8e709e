import { useState, type DragEvent, type FormEvent } from 'react';
import { useApi } from '../../api/ApiContext';
import { useQuery } from '../../api/useQuery';
import { useSession } from '../../app/session';
import { importTargets, type ImportAs } from './importTypes';

declare global {
  interface Window {
    /** Present only inside Electron: the path on disk of a dropped file. */
    desktop?: { pathForFile(file: File): string };
  }
}

export interface FileChoice {
  /** One path a line: several files, folders or zips make one import. */
  file: string;
  as: ImportAs;
  profile: string;
  /** Refresh the earlier extract imported with the same saved mapping. */
  refresh?: boolean;
}

interface Props {
  initial: FileChoice;
  onNext: (choice: FileChoice) => void;
}

/** Step 1: which file (typed, chosen in the dialog, or dropped) and what it holds; optionally a saved mapping profile. */
export function FileStep({ initial, onNext }: Props) {
  const api = useApi();
  const { session } = useSession();
  const profiles = useQuery('profiles', () => api['profiles.list']({}));
  const [file, setFile] = useState(initial.file);
  const [as, setAs] = useState<ImportAs>(initial.as);
  const [profile, setProfile] = useState(initial.profile);
  const [refresh, setRefresh] = useState(initial.refresh === true);
  const [note, setNote] = useState<string | null>(null);
  const saved = profiles.status === 'ready' ? profiles.value.profiles.filter((p) => as === 'police-uk' || p.dataset === as) : [];

  const browse = async () => {
    const chosen = await api['files.choose']({ purpose: 'import' });
    if (chosen.ok && chosen.value.path) setFile(chosen.value.path);
  };
  const onDrop = (event: DragEvent) => {
    event.preventDefault();
    const dropped = event.dataTransfer.files[0];
    if (!dropped) return;
    // Only the desktop app can tell where a dropped file lives; a browser gives its name alone.
    const path = window.desktop?.pathForFile(dropped);
    if (path) {
      setFile(path);
      setNote(null);
    } else setNote(`“${dropped.name}” was dropped, but a browser does not reveal where it is: type or paste its full path.`);
  };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    onNext({ file: file.trim(), as, profile, ...(refresh && profile && as !== 'police-uk' ? { refresh: true } : {}) });
  };

  return (
    <form className="wizard-step" aria-label="Choose a file" onSubmit={submit}>
      <div className="drop-zone" onDragOver={(e) => e.preventDefault()} onDrop={onDrop}>
        <label htmlFor="import-file">File on this machine</label>
        <div className="path-row">
          <textarea
            id="import-file"
            rows={Math.min(6, Math.max(1, file.split('\n').length))}
            value={file}
            placeholder="/path/to/2019-03-staffordshire-street.csv"
            onChange={(e) => setFile(e.target.value)}
            onKeyDown={(e) => {
              // Enter moves on, as in a one-line field; Shift+Enter adds another path.
              if (e.key === 'Enter' && !e.shiftKey) {
                e.preventDefault();
                e.currentTarget.form?.requestSubmit();
              }
            }}
            autoFocus
          />
          {session.canChooseFiles && (
            <button type="button" onClick={() => void browse()}>
              Browse…
            </button>
          )}
        </div>
        <small className="muted">
          CSV or TSV, Excel (.xlsx), Parquet or GeoJSON. {session.canChooseFiles ? 'Or drop a file here.' : ''} Several files: one path a line (Shift+Enter); a folder or a .zip
          of police.uk months is searched for its street files.
        </small>
        {note && <p className="muted">{note}</p>}
      </div>
      <div className="field">
        <label htmlFor="import-as">It holds</label>
        <select id="import-as" value={as} onChange={(e) => setAs(e.target.value as ImportAs)}>
          {importTargets.map((t) => (
            <option key={t.value} value={t.value}>
              {t.label}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor="import-profile">Mapping profile</label>
        <select id="import-profile" value={profile} onChange={(e) => setProfile(e.target.value)}>
          <option value="">Detect or suggest from the file</option>
          {saved.map((p) => (
            <option key={p.name} value={p.name}>
              {p.name} ({p.dataset}, saved {p.saved_at.slice(0, 10)})
            </option>
          ))}
        </select>
      </div>
      {profile && as !== 'police-uk' && (
        <div className="field">
          <label>
            <input type="checkbox" checked={refresh} onChange={(e) => setRefresh(e.target.checked)} /> This refreshes the extract imported before with this mapping (update by reference, add new rows,
            remove rows it no longer has)
          </label>
        </div>
      )}
      <div className="wizard-actions">
        <button type="submit" className="primary" disabled={!file.trim()}>
          Preview
        </button>
      </div>
    </form>
  );
}
