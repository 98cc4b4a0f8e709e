import { useState } from 'react';
import type { ImportReport, Output } from '../../../../shared/api';
import { countOf } from '../../../../shared/format/count';
import type { FormatOverrides } from '../../../../shared/contracts/import';
import type { MappingProfile } from '../../../../shared/datasets/mappingProfile';
import type { ApiError } from '../../../../shared/result';
import { useApi } from '../../api/ApiContext';
import { useSession } from '../../app/session';
import { useOperations } from '../operations/useOperations';
import { FileStep } from './FileStep';
import type { ImportAs, ImportRequest } from './importTypes';
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
  const [choice, setChoice] = useState<{ file: string; as: ImportAs; profile: string }>({ file: '', as: 'police-uk', profile: '' });
  const [overrides, setOverrides] = useState<FormatOverrides>({});
  const [preview, setPreview] = useState<Output<'import.preview'> | null>(null);
  const [mapping, setMapping] = useState<MappingProfile | null>(null);
  const [aliases, setAliases] = useState<Record<string, string>>({});
  const [checked, setChecked] = useState<{ report: ImportReport; aliases: Record<string, string> } | null>(null);
  const [report, setReport] = useState<ImportReport | null>(null);
  const [busy, setBusy] = useState<{ label: string; operationId?: string } | null>(null);
  const [error, setError] = useState<ApiError | null>(null);

  const request = (base = choice, withMapping = mapping, withOverrides = overrides): ImportRequest => ({
    file: base.file,
    as: base.as,
    ...(withMapping ? { mapping: withMapping } : base.profile ? { profile: base.profile } : {}),
    ...(Object.keys(withOverrides).length > 0 ? { overrides: withOverrides } : {}),
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
  const check = async () => {
    const accepted = aliases;
    const value = await attempt('Checking every row…', (operationId) =>
      api['import.check']({ ...request(), ...(Object.keys(accepted).length ? { ward_aliases: accepted } : {}), operationId }),
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
    }
  };
  const restart = () => {
    setStep('file');
    setChoice({ file: '', as: choice.as, profile: '' });
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
        <FileStep
          initial={choice}
          onNext={async (next) => {
            setChoice(next);
            setOverrides({});
            if (await loadPreview(next, null, {})) setStep('preview');
          }}
        />
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
      {step === 'mapping' && mapping && preview && <MappingStep mapping={mapping} header={preview.header} onChange={setMapping} />}
      {step === 'check' && checked && <ReportView report={checked.report} aliases={aliases} onAliases={setAliases} />}
      {step === 'done' && report && <ReportView report={report} aliases={aliases} />}

      {busy && (
        <div className="wizard-busy" role="status">
          {busy.label}
          {progress && progress.percentage >= 0 ? <progress max={100} value={progress.percentage} aria-label={`${busy.label} progress`} /> : <progress aria-label={`${busy.label} progress`} />}
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
              {checked ? `Import ${countOf(checked.report.rows_imported, 'row')}` : 'Import'}
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
