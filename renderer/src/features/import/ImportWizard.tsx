import { useState } from 'react';
import type { Output } from '../../../../shared/api';
import { countOf } from '../../../../shared/format/count';
import type { BatchReport, FormatOverrides } from '../../../../shared/contracts/import';
import type { MappingProfile } from '../../../../shared/datasets/mappingProfile';
import type { ApiError } from '../../../../shared/result';
import { useApi } from '../../api/ApiContext';
import { useSession } from '../../app/session';
import { useOperations } from '../operations/useOperations';
import { FileStep, type FileChoice } from './FileStep';
import { notifyDataChanged } from '../../api/dataChanged';
import { importTargets, type ImportRequest } from './importTypes';
import { MappingStep } from './MappingStep';
import { PreviewStep } from './PreviewStep';
import { ReportView } from './ReportView';

type Step = 'file' | 'preview' | 'mapping' | 'check' | 'done';
const steps: { id: Step; label: string }[] = [
  { id: 'file', label: 'File' },
  { id: 'preview', label: 'Preview' },
  { id: 'mapping', label: 'Mapping' },
  { id: 'check', label: 'Check' },
  { id: 'done', label: 'Import' },
];

/**
 * The import wizard: file → preview (detected encoding, delimiter and date format, all overridable) → column mapping
 * → validation report from a dry run (with ward corrections to accept or reject) → import with progress and Cancel →
 * the report, and the new data one click away. Nothing touches the workspace until the last step.
 */
export function ImportWizard() {
  const api = useApi();
  const { update } = useSession();
  const operations = useOperations();
  const [step, setStep] = useState<Step>('file');
  const [choice, setChoice] = useState<FileChoice>({ file: '', as: 'police-uk', profile: '' });
  // Several files, a folder or a zip: checked and imported together, without a preview of one file.
  const [files, setFiles] = useState<string[] | null>(null);
  const [replace, setReplace] = useState(false);
  const [overrides, setOverrides] = useState<FormatOverrides>({});
  const [preview, setPreview] = useState<Output<'import.preview'> | null>(null);
  const [mapping, setMapping] = useState<MappingProfile | null>(null);
  const [aliases, setAliases] = useState<Record<string, string>>({});
  const [checked, setChecked] = useState<{ report: BatchReport; aliases: Record<string, string> } | null>(null);
  const [report, setReport] = useState<BatchReport | null>(null);
  const [busy, setBusy] = useState<{ label: string; operationId?: string } | null>(null);
  const [error, setError] = useState<ApiError | null>(null);

  const request = (base = choice, withMapping = mapping, withOverrides = overrides, several = files, replacing = replace): ImportRequest & { files?: string[]; replace?: boolean; refresh?: boolean } => ({
    file: several ? several[0] : base.file,
    as: base.as,
    ...(withMapping ? { mapping: withMapping } : base.profile ? { profile: base.profile } : {}),
    ...(Object.keys(withOverrides).length > 0 ? { overrides: withOverrides } : {}),
    ...(several ? { files: several } : {}),
    ...(replacing ? { replace: true } : {}),
    ...(base.refresh ? { refresh: true } : {}),
  });
  const attempt = async <T,>(label: string, call: (operationId: string) => Promise<{ ok: true; value: T } | { ok: false; error: ApiError }>) => {
    const operationId = crypto.randomUUID();
    setBusy({ label, operationId });
    setError(null);
    const result = await call(operationId);
    setBusy(null);
    if (!result.ok) {
      setError(result.error);
      return null;
    }
    return result.value;
  };

  const loadPreview = async (base: typeof choice, withMapping: MappingProfile | null, withOverrides: FormatOverrides) => {
    const value = await attempt('Reading the file…', () => api['import.preview'](request(base, withMapping, withOverrides)));
    if (!value) return false;
    setPreview(value);
    setMapping(value.mapping);
    return true;
  };
  const check = async (several = files, replacing = replace, base = choice) => {
    const accepted = aliases;
    const value = await attempt(several ? 'Checking every file…' : 'Checking every row…', (operationId) =>
      api['import.check']({ ...request(base, base === choice ? mapping : null, base === choice ? overrides : {}, several, replacing), ...(Object.keys(accepted).length ? { ward_aliases: accepted } : {}), operationId }),
    );
    setChecked(value ? { report: value, aliases: accepted } : null);
    setStep('check');
  };
  const runImport = async () => {
    const value = await attempt('Importing…', (operationId) =>
      api['import.run']({ ...request(), ...(Object.keys(aliases).length ? { ward_aliases: aliases } : {}), operationId }),
    );
    if (value) {
      setReport(value);
      setStep('done');
      // The header's areas (after a lookup) and the dataset list show the new data without a reload.
      notifyDataChanged();
    }
  };
  /** After the file step: several paths are checked together; one is previewed, unless it turns out to be a folder or zip. */
  const chooseFiles = async (next: FileChoice) => {
    setChoice(next);
    setOverrides({});
    setReplace(false);
    const paths = next.file.split(/\r?\n/).map((p) => p.trim()).filter(Boolean);
    if (paths.length > 1) {
      setFiles(paths);
      setPreview(null);
      setMapping(null);
      return check(paths, false, next);
    }
    setFiles(null);
    const single = { ...next, file: paths[0] ?? '' };
    setChoice(single);
    setBusy({ label: 'Reading the file…' });
    setError(null);
    const result = await api['import.preview'](request(single, null, {}, null));
    setBusy(null);
    if (result.ok) {
      setError(null);
      setPreview(result.value);
      setMapping(result.value.mapping);
      setStep('preview');
    } else if (/is a folder, not a file|is a zip archive/.test(result.error.message)) {
      // A folder or a zip of police.uk months: its street files are checked together.
      setFiles(paths);
      return check(paths, false, single);
    } else setError(result.error);
  };
  const overlapError = error && /already has police\.uk rows for/.test(error.message) && !replace;
  const restart = () => {
    setStep('file');
    setChoice({ file: '', as: choice.as, profile: '' });
    setFiles(null);
    setReplace(false);
    setOverrides({});
    setPreview(null);
    setMapping(null);
    setAliases({});
    setChecked(null);
    setReport(null);
    setError(null);
  };

  const progress = busy?.operationId ? operations.find((o) => o.operationId === busy.operationId) : undefined;
  const shownSteps = steps.filter((s) => s.id !== 'mapping' || mapping !== null);
  const aliasesChanged = checked !== null && JSON.stringify(checked.aliases) !== JSON.stringify(aliases);

  return (
    <main className="content wizard" aria-label="Import a file">
      <header className="wizard-header">
        <h2>Import a file</h2>
        <ol className="steps" aria-label="Import steps">
          {shownSteps.map((s, i) => (
            <li key={s.id} aria-current={s.id === step ? 'step' : undefined}>
              {i + 1}. {s.label}
            </li>
          ))}
        </ol>
      </header>

      {step === 'file' && (
        <FileStep initial={choice} onNext={(next) => void chooseFiles(next)} />
      )}
      {step === 'preview' && preview && (
        <PreviewStep
          preview={preview}
          overrides={overrides}
          onOverrides={(next) => {
            setOverrides(next);
            void loadPreview(choice, mapping, next);
          }}
        />
      )}
      {step === 'preview' && preview?.suggested_as && (
        <button
          type="button"
          className="primary"
          onClick={() => {
            const next = { ...choice, as: preview.suggested_as!, profile: '' };
            setChoice(next);
            void loadPreview(next, null, overrides);
          }}
        >
          Import it as {importTargets.find((t) => t.value === preview.suggested_as)?.label ?? preview.suggested_as} instead
        </button>
      )}
      {step === 'mapping' && mapping && preview && <MappingStep mapping={mapping} header={preview.header} onChange={setMapping} />}
      {step === 'check' && checked && <ReportView report={checked.report} aliases={aliases} onAliases={setAliases} />}
      {step === 'done' && report && <ReportView report={report} aliases={aliases} />}

      {busy && (
        <div className="wizard-busy" role="status">
          {busy.label}
          {progress && progress.percentage >= 0 ? <progress max={100} value={progress.percentage} aria-label={`${busy.label} progress`} /> : <progress aria-label={`${busy.label} progress`} />}
          {files && checked?.report.files && progress && progress.percentage >= 0 && (
            <span>
              file {Math.min(checked.report.files.length, Math.floor((progress.percentage / 100) * checked.report.files.length) + 1)} of {checked.report.files.length}
            </span>
          )}
          {busy.operationId && (
            <button type="button" onClick={() => void api['operations.cancel']({ operationId: busy.operationId! })}>
              Cancel
            </button>
          )}
        </div>
      )}
      {error && (
        <p role="alert" className="error">
          {error.message}
        </p>
      )}
      {overlapError && (
        <button type="button" className="primary" onClick={() => { setReplace(true); void check(files, true); }}>
          Replace those months
        </button>
      )}
      {step === 'done' && report && (
        <p role="status" className="done-text">
          Import complete: {countOf(report.rows_imported, 'row')} imported{report.files ? ` from ${countOf(report.files.length, 'file')}` : ''}
          {Object.keys(report.by_dataset).length > 0 ? ` (${Object.entries(report.by_dataset).map(([d, n]) => `${n.toLocaleString('en-GB')} ${d}`).join(', ')})` : ''}
          {report.replaced?.length ? `, replacing ${countOf(report.replaced.reduce((n, r) => n + r.rows, 0), 'row')} of earlier imports` : ''}.
        </p>
      )}

      <div className="wizard-actions">
        {step !== 'file' && step !== 'done' && (
          <button type="button" disabled={busy !== null} onClick={() => setStep(step === 'check' && mapping ? 'mapping' : step === 'check' || step === 'mapping' ? 'preview' : 'file')}>
            Back
          </button>
        )}
        {step === 'preview' && (
          <button type="button" className="primary" disabled={busy !== null || !preview || (preview.problem !== null && !mapping)} onClick={() => (mapping ? setStep('mapping') : void check())}>
            {mapping ? 'Next: mapping' : 'Check the file'}
          </button>
        )}
        {step === 'mapping' && (
          <button type="button" className="primary" disabled={busy !== null} onClick={() => void check()}>
            Check the file
          </button>
        )}
        {step === 'check' && (
          <>
            {aliasesChanged && (
              <button type="button" disabled={busy !== null} onClick={() => void check()}>
                Check again with corrections
              </button>
            )}
            <button type="button" className="primary" disabled={busy !== null || !checked || aliasesChanged} onClick={() => void runImport()}>
              {checked ? importLabel(checked.report) : 'Import'}
            </button>
          </>
        )}
        {step === 'done' && report && (
          <>
            {Object.keys(report.by_dataset).map((dataset) => (
              <button key={dataset} type="button" className="primary" onClick={() => update({ view: 'datasets', dataset })}>
                Browse {dataset}
              </button>
            ))}
            <button type="button" onClick={restart}>
              Import another file
            </button>
          </>
        )}
      </div>
    </main>
  );
}

/**
 * The Import button says what will be written: the rows, and where one row becomes several (a population row per age
 * and sex, say) the dataset rows too, so "Import 687 rows" never writes 2,748 unannounced.
 */
function importLabel(report: BatchReport): string {
  const written = Object.values(report.by_dataset).reduce((n, v) => n + v, 0);
  const files = report.files ? ` from ${countOf(report.files.length, 'file')}` : '';
  const datasets = Object.entries(report.by_dataset).map(([d, n]) => `${n.toLocaleString('en-GB')} ${d} rows`).join(', ');
  return `Import ${countOf(report.rows_imported, 'row')}${files}${written !== report.rows_imported ? ` (${datasets})` : ''}`;
}
