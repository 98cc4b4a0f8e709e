import { useState } from 'react';
import { useApi } from '../../api/ApiContext';
import { useSession } from '../../app/session';

/*
 * The order an assessment's data goes in: the lookup first (it places every row in a ward and district), then the
 * population (every rate's denominator), then what is counted. Each step names the public file that fills it.
 */
const steps = [
  {
    datasets: ['geography'],
    title: 'Geography lookup',
    text: 'The ONS LSOA → ward → district lookup, and the district → Community Safety Partnership → police force area lookup. Import these first: they place every crime in a ward and a district.',
  },
  {
    datasets: ['population'],
    title: 'Population',
    text: 'LSOA population estimates (the IoD2019 denominators, or an ONS mid-year estimate table): the denominators of every rate.',
  },
  {
    datasets: ['crimes', 'asb'],
    title: 'Crimes and anti-social behaviour',
    text: 'Your force extract (mapped once, then saved as a profile for next year), or police.uk street-level files.',
  },
  {
    datasets: ['incidents', 'victims', 'offenders', 'survey', 'spi', 'mosaic', 'boundaries'],
    title: 'Anything else you have',
    text: 'Incidents, victim and offender links, a resident survey, Social Progress Index scores, Mosaic groups, and ward boundaries for maps.',
    optional: true,
  },
] as const;

/**
 * What to import, and in what order, for a workspace with little or nothing in it; the sample workspace a click away.
 * With some data in, it says which step comes next.
 */
export function GettingStarted({ present }: { present: readonly string[] }) {
  const api = useApi();
  const { session, flush, switched, update } = useSession();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const has = (names: readonly string[]) => names.some((n) => present.includes(n));
  const next = steps.find((s) => !('optional' in s) && !has(s.datasets));
  const openSample = async () => {
    setBusy(true);
    setError(null);
    await flush();
    // Beside the current workspace; an existing sample is opened, never rebuilt over.
    const folder = session.current.path.replace(/[\\/][^\\/]*$/, '');
    const path = `${folder}${session.current.path.includes('\\') ? '\\' : '/'}Sample workspace.duckdb`;
    const known = session.recent.find((r) => r.path === path);
    const result = known ? await api['workspace.open']({ path }) : await api['workspace.create']({ path, sample: true });
    const opened = !result.ok && !known && /exist/i.test(result.error.message) ? await api['workspace.open']({ path }) : result;
    setBusy(false);
    if (!opened.ok) return setError(opened.error.message);
    switched();
  };
  return (
    <section className="getting-started card" aria-labelledby="getting-started-heading">
      <h2 id="getting-started-heading">{present.length === 0 ? 'This workspace is empty' : 'What to import next'}</h2>
      <p>
        {next
          ? `Next: ${next.title.toLowerCase()}. Everything stays on this machine.`
          : 'The essentials are in. Add anything else you have, or run the library.'}
      </p>
      <ol className="steps">
        {steps.map((s) => (
          <li key={s.title} className={has(s.datasets) ? 'step-done' : s === next ? 'step-next' : undefined}>
            <strong>
              {s.title}
              {has(s.datasets) ? ' — done' : 'optional' in s ? ' (optional)' : ''}
            </strong>
            <span className="muted"> {s.text}</span>
          </li>
        ))}
      </ol>
      <p className="actions">
        <button type="button" className="primary" onClick={() => update({ view: 'import' })}>
          Import a file…
        </button>
        {present.length === 0 && (
          <button type="button" disabled={busy} onClick={() => void openSample()}>
            {busy ? 'Building the sample workspace (about 15 seconds)…' : 'Open the sample workspace instead'}
          </button>
        )}
      </p>
      {error && (
        <p role="alert" className="error">
          {error}
        </p>
      )}
    </section>
  );
}
