import type { Output } from '../../../../shared/api';
import type { FormatOverrides } from '../../../../shared/contracts/import';
import { dateFormatChoices, delimiterChoices, describeDateFormat, describeDelimiter, encodingChoices } from './importTypes';

type Preview = Output<'import.preview'>;

interface Props {
  preview: Preview;
  overrides: FormatOverrides;
  onOverrides: (overrides: FormatOverrides) => void;
}

/** Step 2: the first rows as the app reads them, with what was detected; any of it can be overridden. */
export function PreviewStep({ preview, overrides, onOverrides }: Props) {
  const set = (change: Partial<FormatOverrides>) => onOverrides(Object.fromEntries(Object.entries({ ...overrides, ...change }).filter(([, v]) => v)) as FormatOverrides);
  const text = preview.format === 'csv';
  return (
    <section className="wizard-step" aria-label="Preview">
      <div className="detected">
        <p>
          Read as <strong>{preview.format.toUpperCase()}</strong>
          {text && (
            <>
              , <strong>{preview.encoding}</strong>, separated by <strong>{describeDelimiter(preview.delimiter)}</strong>
            </>
          )}
          ; dates {preview.date_format ? <strong>{describeDateFormat(preview.date_format)}</strong> : 'not detected'}. Profile:{' '}
          <strong>{preview.profile}</strong>.
        </p>
        <div className="overrides">
          {text && (
            <>
              <div className="field">
                <label htmlFor="override-encoding">Encoding</label>
                <select id="override-encoding" value={overrides.encoding ?? ''} onChange={(e) => set({ encoding: (e.target.value || undefined) as FormatOverrides['encoding'] })}>
                  <option value="">Detected ({preview.encoding})</option>
                  {encodingChoices.map((e) => (
                    <option key={e}>{e}</option>
                  ))}
                </select>
              </div>
              <div className="field">
                <label htmlFor="override-delimiter">Delimiter</label>
                <select id="override-delimiter" value={overrides.delimiter ?? ''} onChange={(e) => set({ delimiter: (e.target.value || undefined) as FormatOverrides['delimiter'] })}>
                  <option value="">Detected ({describeDelimiter(preview.delimiter)})</option>
                  {delimiterChoices.map((d) => (
                    <option key={d.value} value={d.value}>
                      {d.label}
                    </option>
                  ))}
                </select>
              </div>
            </>
          )}
          <div className="field">
            <label htmlFor="override-date">Date format</label>
            <select id="override-date" value={overrides.date_format ?? ''} onChange={(e) => set({ date_format: e.target.value || undefined })}>
              <option value="">Detected ({preview.date_format ? describeDateFormat(preview.date_format) : 'none'})</option>
              {dateFormatChoices.map((f) => (
                <option key={f} value={f}>
                  {describeDateFormat(f)}
                </option>
              ))}
            </select>
          </div>
        </div>
      </div>
      {preview.problem && (
        <p role="alert" className="error">
          {preview.problem}
        </p>
      )}
      <div className="preview-table" tabIndex={0} role="region" aria-label={`First ${preview.rows.length} rows`}>
        <table>
          <thead>
            <tr>
              <th scope="col" className="line">
                Line
              </th>
              {preview.header.map((h, i) => (
                <th key={i} scope="col">
                  {h}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {preview.rows.map((row, r) => (
              <tr key={r}>
                <td className="line">{r + 2}</td>
                {preview.header.map((_, c) => (
                  <td key={c}>{row[c] ?? ''}</td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
