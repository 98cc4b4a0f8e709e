import { useState, type FormEvent } from 'react';
import type { Output } from '../../../../shared/api';

type Listed = Output<'analyses.list'>['analyses'][number];
type Area = Output<'areas.list'>['areas'][number];
export type ParameterValues = Record<string, string | number>;

interface Props {
  analysis: Listed;
  areas: readonly Area[];
  running: boolean;
  onRun: (values: ParameterValues) => void;
}

/** A form generated from the analysis's parameters; empty dates and comparator mean the defaults from the data. */
export function ParameterForm({ analysis, areas, running, onRun }: Props) {
  const [values, setValues] = useState<Record<string, string>>(() =>
    Object.fromEntries(analysis.parameters.map((p) => [p.name, p.default === undefined ? (p.name === 'area' ? (areas.find((a) => a.type === 'district')?.code ?? '') : '') : String(p.default)])),
  );
  const submit = (event: FormEvent) => {
    event.preventDefault();
    // Empty fields are left out, so the engine fills them (latest 12 whole months, the force area…).
    onRun(Object.fromEntries(Object.entries(values).filter(([, v]) => v.trim() !== '')));
  };
  const set = (name: string, value: string) => setValues((v) => ({ ...v, [name]: value }));
  return (
    <form className="parameter-form" onSubmit={submit} aria-label={`${analysis.title} parameters`}>
      {analysis.parameters.map((p) => {
        const id = `param-${p.name}`;
        const field =
          p.type === 'area' ? (
            <select id={id} value={values[p.name]} onChange={(e) => set(p.name, e.target.value)}>
              {p.name !== 'area' && <option value="">Default (the force area)</option>}
              {areas.map((a) => (
                <option key={`${a.type}-${a.code}`} value={a.code}>
                  {a.name} ({a.type === 'csp' ? 'CSP' : a.type})
                </option>
              ))}
            </select>
          ) : p.type === 'choice' ? (
            <select id={id} value={values[p.name]} onChange={(e) => set(p.name, e.target.value)}>
              {p.choices?.map((c) => (
                <option key={String(c)} value={String(c)}>
                  {String(c)}
                </option>
              ))}
            </select>
          ) : (
            <input
              id={id}
              type={p.type === 'date' ? 'date' : p.type === 'integer' || p.type === 'number' ? 'number' : 'text'}
              step={p.type === 'number' ? 'any' : undefined}
              min={p.min}
              max={p.max}
              value={values[p.name]}
              placeholder={p.type === 'date' ? 'latest 12 whole months' : undefined}
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
