import { useMemo, useState } from 'react';
import type { Output } from '../../../../shared/api';

type Listed = Output<'analyses.list'>['analyses'][number];

interface Props {
  analyses: readonly Listed[];
  selected: string | null;
  onSelect: (id: string) => void;
}

/** The library grouped by theme, with a search over titles and descriptions. */
export function AnalysisList({ analyses, selected, onSelect }: Props) {
  const [search, setSearch] = useState('');
  const themes = useMemo(() => {
    const words = search.toLowerCase().split(/\s+/).filter(Boolean);
    const shown = analyses.filter((a) => words.every((w) => `${a.title} ${a.description} ${a.id}`.toLowerCase().includes(w)));
    const byTheme = new Map<string, Listed[]>();
    for (const a of shown) byTheme.set(a.theme, [...(byTheme.get(a.theme) ?? []), a]);
    return [...byTheme].sort(([a], [b]) => a.localeCompare(b));
  }, [analyses, search]);
  return (
    <div className="analysis-list">
      <input type="search" aria-label="Search analyses" placeholder="Search analyses" value={search} onChange={(e) => setSearch(e.target.value)} />
      {themes.length === 0 && <p className="muted">No analysis matches “{search}”.</p>}
      {themes.map(([theme, list]) => (
        <section key={theme} aria-label={theme}>
          <h3>{theme}</h3>
          <ul>
            {list.map((a) => (
              <li key={a.id}>
                <button type="button" aria-pressed={a.id === selected} onClick={() => onSelect(a.id)} title={a.description}>
                  {a.title}
                </button>
              </li>
            ))}
          </ul>
        </section>
      ))}
    </div>
  );
}
