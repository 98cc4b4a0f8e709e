import type { MappingProfile } from '../../../../shared/datasets/mappingProfile';
import { canonicalDatasets } from '../../../../shared/datasets/canonical';

interface Props {
  mapping: MappingProfile;
  header: readonly string[];
  onChange: (mapping: MappingProfile) => void;
}

/**
 * Step 3 (mapped datasets only): which column of the file feeds each of the dataset's columns, starting from the
 * suggestion; required columns are marked. Naming the mapping saves it in the workspace for next year's file.
 */
export function MappingStep({ mapping, header, onChange }: Props) {
  const columns = canonicalDatasets[mapping.dataset].columns;
  const setColumn = (name: string, source: string) => {
    const next = { ...mapping.columns };
    if (source) next[name] = source;
    else delete next[name];
    onChange({ ...mapping, columns: next });
  };
  const missing = columns.filter((c) => 'required' in c && c.required && !mapping.columns[c.name] && !mapping.constants?.[c.name]);
  return (
    <section className="wizard-step" aria-label="Column mapping">
      <p className="muted">
        {canonicalDatasets[mapping.dataset].title}: choose the file’s column for each. Suggestions come from the column names and values.
      </p>
      {missing.length > 0 && (
        <p role="alert" className="error">
          Still needed: {missing.map((c) => c.name).join(', ')}.
        </p>
      )}
      <table className="mapping-table">
        <thead>
          <tr>
            <th scope="col">Column</th>
            <th scope="col">From the file’s column</th>
            <th scope="col">Meaning</th>
          </tr>
        </thead>
        <tbody>
          {columns.map((c) => {
            const required = 'required' in c && c.required;
            const id = `map-${c.name}`;
            return (
              <tr key={c.name} className={required && !mapping.columns[c.name] ? 'missing' : undefined}>
                <th scope="row">
                  <label htmlFor={id}>
                    {c.name}
                    {required && <span aria-label="required"> *</span>}
                  </label>
                </th>
                <td>
                  <select id={id} value={mapping.columns[c.name] ?? ''} onChange={(e) => setColumn(c.name, e.target.value)}>
                    <option value="">(not in this file)</option>
                    {header.map((h) => (
                      <option key={h} value={h}>
                        {h}
                      </option>
                    ))}
                  </select>
                </td>
                <td className="muted">{c.description}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
      <div className="field">
        <label htmlFor="profile-name">Save this mapping as (optional)</label>
        <input
          id="profile-name"
          value={mapping.name ?? ''}
          placeholder="e.g. Staffordshire Niche extract"
          onChange={(e) => onChange({ ...mapping, name: e.target.value || undefined })}
        />
      </div>
    </section>
  );
}
