import { useState, type FormEvent } from 'react';
import type { AnalysisParameter } from '../../../../shared/analyses/schema';
import { useApi } from '../../api/ApiContext';

/** The shared parameters a saved query can take; its SQL reads them as (SELECT "from" FROM params) and so on. */
const sharedParameters: AnalysisParameter[] = [
  { name: 'area', type: 'area', label: 'Area' },
  { name: 'comparator', type: 'area', label: 'Comparator' },
  { name: 'from', type: 'date', label: 'From' },
  { name: 'to', type: 'date', label: 'To' },
];

const slug = (title: string) =>
  title
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .replace(/^(?![a-z])/, 'q-')
    .slice(0, 64);

/** Saves the query into this workspace's library ("My analyses"), with the shared parameters it uses. */
export function SaveAnalysisForm({ sql, onSaved }: { sql: string; onSaved: (message: string) => void }) {
  const api = useApi();
  const [title, setTitle] = useState('');
  const [description, setDescription] = useState('');
  const [chosen, setChosen] = useState<string[]>(() => sharedParameters.filter((p) => new RegExp(`"${p.name}"|\\b${p.name}\\b`).test(sql) && /\bparams\b/.test(sql)).map((p) => p.name));
  const [error, setError] = useState<string | null>(null);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const id = slug(title);
    const saved = await api['analyses.save']({
      analysis: { metadata: { id, title: title.trim(), description, theme: 'My analyses', parameters: sharedParameters.filter((p) => chosen.includes(p.name)) }, sql },
    });
    if (!saved.ok) return setError(saved.error.message);
    onSaved(`Saved as “${title.trim()}” (${saved.value.id}) under My analyses in the library.`);
  };

  return (
    <>
      <form className="save-analysis" aria-label="Save to library" onSubmit={(e) => void submit(e)}>
        <div className="field">
          <label htmlFor="save-title">Title</label>
          <input id="save-title" required value={title} onChange={(e) => setTitle(e.target.value)} placeholder="e.g. Night-time violence by ward" />
        </div>
        <div className="field grow">
          <label htmlFor="save-description">Description</label>
          <input id="save-description" value={description} onChange={(e) => setDescription(e.target.value)} />
        </div>
        <fieldset>
          <legend>Parameters (read them from the params table)</legend>
          {sharedParameters.map((p) => (
            <label key={p.name} className="checkbox">
              <input
                type="checkbox"
                checked={chosen.includes(p.name)}
                onChange={(e) => setChosen((c) => (e.target.checked ? [...c, p.name] : c.filter((n) => n !== p.name)))}
              />{' '}
              {p.label}
            </label>
          ))}
        </fieldset>
        <button type="submit" className="primary" disabled={!title.trim()}>
          Save
        </button>
      </form>
      {error && (
        <p role="alert" className="error">
          {error}
        </p>
      )}
    </>
  );
}
