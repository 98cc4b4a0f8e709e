import type { ImportReport } from '../../../../shared/api';
import { countOf } from '../../../../shared/format/count';

const SHOWN_ISSUES = 100;

interface Props {
  report: ImportReport;
  /** Accepted corrections for unplaced ward names; editable while checking, read-only after the import. */
  aliases?: Record<string, string>;
  onAliases?: (aliases: Record<string, string>) => void;
}

/** The validation report: what was (or would be) imported, what was quarantined and why, and what could not be placed. */
export function ReportView({ report, aliases = {}, onAliases }: Props) {
  const n = (value: number) => value.toLocaleString('en-GB');
  const verb = report.dry_run ? 'would be ' : '';
  return (
    <section className="report" aria-label={report.dry_run ? 'Validation report' : 'Import report'}>
      <dl className="report-figures">
        <div>
          <dt>Rows read</dt>
          <dd>{n(report.rows_read)}</dd>
        </div>
        <div>
          <dt>{report.dry_run ? 'Would import' : 'Imported'}</dt>
          <dd>{n(report.rows_imported)}</dd>
        </div>
        <div>
          <dt>Quarantined</dt>
          <dd className={report.rows_quarantined > 0 ? 'warn' : undefined}>{n(report.rows_quarantined)}</dd>
        </div>
        {Object.entries(report.by_dataset).map(([dataset, rows]) => (
          <div key={dataset}>
            <dt>{dataset}</dt>
            <dd>{n(rows)}</dd>
          </div>
        ))}
        <div>
          <dt>No location</dt>
          <dd>{n(report.unplaced.no_location)}</dd>
        </div>
        <div>
          <dt>Outside the lookup</dt>
          <dd>{n(report.unplaced.outside_lookup)}</dd>
        </div>
      </dl>
      <p className="muted small">
        {report.file} · {report.profile} · {report.encoding}
        {report.sha256 ? ` · sha256 ${report.sha256.slice(0, 12)}…` : ''}
      </p>
      {report.warnings.map((w) => (
        <p key={w} className="warn-text">
          {w}
        </p>
      ))}
      <Lifecycle report={report} />
      {report.unknown_areas.length > 0 && (
        <UnknownAreas report={report} aliases={aliases} onAliases={onAliases} />
      )}
      {report.issues.length > 0 && (
        <>
          <h3>
            Quarantined rows {report.rows_quarantined > SHOWN_ISSUES && <span className="muted">(first {SHOWN_ISSUES}; all are kept {verb}in the import’s quarantine table)</span>}
          </h3>
          <table className="issues-table" aria-label="Quarantined rows">
            <thead>
              <tr>
                <th scope="col">Line</th>
                <th scope="col">Column</th>
                <th scope="col">Reason</th>
              </tr>
            </thead>
            <tbody>
              {report.issues.slice(0, SHOWN_ISSUES).map((issue) => (
                <tr key={issue.line}>
                  <td className="cell-number">{issue.line}</td>
                  <td>{issue.column ?? '—'}</td>
                  <td>{issue.reason}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
    </section>
  );
}

/** Notes (how police.uk rows were counted), what was replaced, a refresh's difference, and each file of several. */
function Lifecycle({ report }: { report: ImportReport & { files?: ImportReport[] } }) {
  const n = (value: number) => value.toLocaleString('en-GB');
  const verb = report.dry_run ? 'would be' : 'were';
  return (
    <>
      {(report.notes ?? []).map((note) => (
        <p key={note} className="muted">
          {note}
        </p>
      ))}
      {report.replaced && report.replaced.length > 0 && (
        <>
          <h3>Replaced</h3>
          <ul aria-label="Replaced rows">
            {report.replaced.map((r) => (
              <li key={`${r.import_id}-${r.dataset}-${r.force}-${r.month}`}>
                {n(r.rows)} {r.dataset} rows {r.force ? `of ${r.force} ${r.month} ` : ''}from import #{r.import_id} ({r.file}) {verb} replaced
              </li>
            ))}
          </ul>
        </>
      )}
      {report.refresh && (
        <>
          <h3>
            Refresh of {report.refresh.source}
            {report.refresh.from ? `, ${report.refresh.from} to ${report.refresh.to}` : ''}
          </h3>
          <p>
            {n(report.refresh.added)} added, {n(report.refresh.changed)} changed, {n(report.refresh.removed)} removed, {n(report.refresh.unchanged)} unchanged.
          </p>
          <table className="files-table" aria-label="Refresh by offence group">
            <thead>
              <tr>
                <th scope="col">Group</th>
                <th scope="col">Added</th>
                <th scope="col">Changed</th>
                <th scope="col">Removed</th>
              </tr>
            </thead>
            <tbody>
              {report.refresh.by_group.map((g) => (
                <tr key={g.group}>
                  <td>{g.group}</td>
                  <td className="cell-number">{n(g.added)}</td>
                  <td className="cell-number">{n(g.changed)}</td>
                  <td className="cell-number">{n(g.removed)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
      {report.files && (
        <>
          <h3>Files ({n(report.files.length)})</h3>
          <table className="files-table" aria-label="Files">
            <thead>
              <tr>
                <th scope="col">File</th>
                <th scope="col">Rows read</th>
                <th scope="col">{report.dry_run ? 'Would import' : 'Imported'}</th>
                <th scope="col">Quarantined</th>
              </tr>
            </thead>
            <tbody>
              {report.files.map((f) => (
                <tr key={f.file}>
                  <td>{f.file}</td>
                  <td className="cell-number">{n(f.rows_read)}</td>
                  <td className="cell-number">{n(f.rows_imported)}</td>
                  <td className="cell-number">{n(f.rows_quarantined)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
      {report.skipped && report.skipped.length > 0 && (
        <>
          <h3>Not imported ({n(report.skipped.length)})</h3>
          <ul aria-label="Files not imported">
            {report.skipped.map((s) => (
              <li key={s.file}>
                {s.file}: {s.reason}
              </li>
            ))}
          </ul>
        </>
      )}
    </>
  );
}

function UnknownAreas({ report, aliases, onAliases }: Required<Pick<Props, 'report' | 'aliases'>> & Pick<Props, 'onAliases'>) {
  const accept = (value: string, ward: string) => onAliases?.({ ...aliases, [value]: ward });
  const reject = (value: string) => {
    const next = { ...aliases };
    delete next[value];
    onAliases?.(next);
  };
  return (
    <>
      <h3>Areas not in the lookup ({countOf(report.unknown_areas.length, 'value')})</h3>
      <p className="muted small">Rows with these are still imported, without a ward. Accept a suggested ward to place them; nothing is changed unless you accept.</p>
      <table className="unknown-table" aria-label="Areas not in the lookup">
        <thead>
          <tr>
            <th scope="col">In the file</th>
            <th scope="col">Rows</th>
            <th scope="col">Suggestion</th>
          </tr>
        </thead>
        <tbody>
          {report.unknown_areas.map((u) => {
            const accepted = aliases[u.value];
            return (
              <tr key={`${u.kind}-${u.value}`}>
                <td>
                  {u.value} <span className="muted small">({u.kind.replace('_', ' ')})</span>
                </td>
                <td className="cell-number">
                  {u.rows.toLocaleString('en-GB')}
                  {u.by_dataset && Object.keys(u.by_dataset).length > 1 && (
                    <span className="muted small"> ({Object.entries(u.by_dataset).map(([d, n]) => `${n.toLocaleString('en-GB')} ${d}`).join(', ')})</span>
                  )}
                </td>
                <td>
                  {u.suggestions.length === 0 && <span className="muted">No close ward name</span>}
                  {u.suggestions.length > 0 && !onAliases && (accepted ? `Accepted: ${accepted}` : u.suggestions.join(', '))}
                  {u.suggestions.length > 0 && onAliases && (
                    <span className="suggestions">
                      {u.suggestions.map((s) => (
                        <button key={s} type="button" aria-pressed={accepted === s} aria-label={`Accept ${s} for ${u.value}`} onClick={() => accept(u.value, s)}>
                          {s}
                        </button>
                      ))}
                      {accepted && (
                        <button type="button" aria-label={`Reject the correction for ${u.value}`} onClick={() => reject(u.value)}>
                          Reject
                        </button>
                      )}
                    </span>
                  )}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </>
  );
}
