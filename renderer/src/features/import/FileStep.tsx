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

interface Props {
  initial: { file: string; as: ImportAs; profile: string };
  onNext: (choice: { file: string; as: ImportAs; profile: string }) => void;
}

/** Step 1: which file (typed, chosen in the dialog, or dropped) and what it holds; optionally a saved mapping profile. */
export function FileStep({ initial, onNext }: Props) {
  const api = useApi();
  const { session } = useSession();
  const profiles = useQuery('profiles', () => api['profiles.list']({}));
  const [file, setFile] = useState(initial.file);
  const [as, setAs] = useState<ImportAs>(initial.as);
  const [profile, setProfile] = useState(initial.profile);
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
    onNext({ file: file.trim(), as, profile });
  };

  return (
    <form className="wizard-step" aria-label="Choose a file" onSubmit={submit}>
      <div className="drop-zone" onDragOver={(e) => e.preventDefault()} onDrop={onDrop}>
        <label htmlFor="import-file">File on this machine</label>
        <div className="path-row">
          <input id="import-file" value={file} placeholder="/path/to/2019-03-staffordshire-street.csv" onChange={(e) => setFile(e.target.value)} autoFocus />
          {session.canChooseFiles && (
            <button type="button" onClick={() => void browse()}>
              Browse…
            </button>
          )}
        </div>
        <small className="muted">CSV or TSV, Excel (.xlsx), Parquet or GeoJSON. {session.canChooseFiles ? 'Or drop a file here.' : ''}</small>
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
      <div className="wizard-actions">
        <button type="submit" className="primary" disabled={!file.trim()}>
          Preview
        </button>
      </div>
    </form>
  );
}
