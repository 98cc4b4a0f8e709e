import { useEffect, useState, type FormEvent } from 'react';
import type { Output } from '../../../../shared/api';
import { useApi } from '../../api/ApiContext';
import { useQuery } from '../../api/useQuery';
import { useSession } from '../../app/session';
import { isShared } from './sharedParameters';
import { longDate } from '../../../../shared/format/dates';
import { labelOf } from '../../../../shared/format/labels';
import { UkDateInput } from '../../components/UkDateInput';

type Listed = Output<'analyses.list'>['analyses'][number];
export type ParameterValues = Record<string, string | number>;

interface Props {
  analysis: Listed;
  running: boolean;
  onRun: (values: ParameterValues) => void;
}

/**
 * A form generated from the analysis's own parameters (rate per, confidence, SD method…). Area, comparator and period
 * are shared by every analysis and set in the header; the form says which of them this analysis uses.
 */
export function ParameterForm({ analysis, running, onRun }: Props) {
  const own = analysis.parameters.filter((p) => !isShared(p.name));
  const shared = analysis.parameters.filter((p) => isShared(p.name));
  const [values, setValues] = useState<Record<string, string>>(() => Object.fromEntries(own.map((p) => [p.name, p.default === undefined ? '' : String(p.default)])));
  const submit = (event: FormEvent) => {
    event.preventDefault();
    // Empty fields are left out, so the engine fills them from the data.
    onRun(Object.fromEntries(Object.entries(values).filter(([, v]) => v.trim() !== '')));
  };
  const set = (name: string, value: string) => setValues((v) => ({ ...v, [name]: value }));
  return (
    <form className="parameter-form" onSubmit={submit} aria-label={`${analysis.title} parameters`}>
      {shared.length > 0 && <SharedSummary names={shared.map((p) => p.name)} />}
      {own.map((p) => {
        const id = `param-${p.name}`;
        const field =
          p.type === 'choice' ? (
            <select id={id} value={values[p.name]} onChange={(e) => set(p.name, e.target.value)}>
              {p.choices?.map((c) => (
                <option key={String(c)} value={String(c)}>
                  {labelOf(p.name, c)}
                </option>
              ))}
            </select>
          ) : p.type === 'date' ? (
            <UkDateInput id={id} aria-label={p.label} value={String(values[p.name] ?? '')} onChange={(iso) => set(p.name, iso)} />
          ) : p.values_from ? (
            <DataValueInput id={id} analysisId={analysis.id} name={p.name} value={values[p.name]} kind={values.measure_kind} onChange={(v) => set(p.name, v)} />
          ) : (
            <input
              id={id}
              type={p.type === 'integer' || p.type === 'number' ? 'number' : 'text'}
              step={p.type === 'number' ? 'any' : undefined}
              min={p.min}
              max={p.max}
              value={values[p.name]}
              onChange={(e) => set(p.name, e.target.value)}
            />
          );
        // The label holds only its words: wrapped round a select, its name would take in every option's text.
        return (
          <div key={p.name} className="field">
            <label htmlFor={id}>{p.label}</label>
            {field}
            {p.help && <small className="muted">{p.help}</small>}
          </div>
        );
      })}
      <button type="submit" disabled={running}>
        {running ? 'Running…' : 'Run analysis'}
      </button>
    </form>
  );
}

/** Which of the header's settings this analysis uses, in words. */
function SharedSummary({ names }: { names: string[] }) {
  const api = useApi();
  const { ui } = useSession();
  const areas = useQuery('areas', () => api['areas.list']({}));
  const nameOf = (code: string | undefined) => (areas.status === 'ready' ? areas.value.areas.find((a) => a.code === code)?.name : undefined) ?? code;
  const period = ui.from || ui.to ? `${ui.from ? longDate(ui.from) : 'the start of the data'} to ${ui.to ? longDate(ui.to) : 'the end of the data'}` : 'the latest 12 whole months';
  const parts = [
    names.includes('area') ? (nameOf(ui.area) ?? 'the area') : null,
    names.includes('comparator') ? `compared with ${nameOf(ui.comparator) ?? 'the force area'}` : null,
    names.includes('from') || names.includes('to') ? `over ${period}` : null,
  ].filter(Boolean);
  return <p className="muted shared-summary">Uses {parts.join(', ')} set in the header.</p>;
}

/**
 * A parameter that names a value of the data (an offence subgroup, an incident type, a survey): typed or chosen from
 * the data's own values, so that a misspelling is seen before the engine refuses it.
 */
function DataValueInput({ id, analysisId, name, value, kind, onChange }: { id: string; analysisId: string; name: string; value: string; kind?: string; onChange: (v: string) => void }) {
  const api = useApi();
  const [options, setOptions] = useState<string[]>([]);
  useEffect(() => {
    let live = true;
    void api['analyses.values']({ id: analysisId, name, params: kind ? { measure_kind: kind } : {} }).then((r) => live && setOptions(r.ok ? r.value.values : []));
    return () => {
      live = false;
    };
  }, [api, analysisId, name, kind]);
  const known = value === '' || options.length === 0 || options.includes(value);
  return (
    <>
      <input id={id} type="text" list={`${id}-values`} value={value} onChange={(e) => onChange(e.target.value)} aria-invalid={!known} />
      <datalist id={`${id}-values`}>
        {options.map((o) => (
          <option key={o} value={o} />
        ))}
      </datalist>
      {!known && <small className="error">Not a value in this workspace&apos;s data.</small>}
    </>
  );
}
