import { useMemo, useRef, useState, type KeyboardEvent } from 'react';
import type { Output } from '../../../../shared/api';

type Listed = Output<'analyses.list'>['analyses'][number];

interface Props {
  analyses: readonly Listed[];
  selected: string | null;
  onSelect: (id: string) => void;
}

/**
 * The library grouped by theme, with a search over titles and descriptions. The list is one Tab stop (the chosen
 * analysis, or the first): the arrow keys, Home and End move through it, Enter or Space opens one.
 */
export function AnalysisList({ analyses, selected, onSelect }: Props) {
  const [search, setSearch] = useState('');
  const themes = useMemo(() => {
    const words = search.toLowerCase().split(/\s+/).filter(Boolean);
    const shown = analyses.filter((a) => words.every((w) => `${a.title} ${a.description} ${a.id}`.toLowerCase().includes(w)));
    const byTheme = new Map<string, Listed[]>();
    for (const a of shown) byTheme.set(a.theme, [...(byTheme.get(a.theme) ?? []), a]);
    return [...byTheme].sort(([a], [b]) => a.localeCompare(b));
  }, [analyses, search]);
  const list = useRef<HTMLDivElement>(null);
  const order = themes.flatMap(([, listed]) => listed.map((a) => a.id));
  const tabStop = selected && order.includes(selected) ? selected : order[0];
  const move = (e: KeyboardEvent<HTMLButtonElement>, id: string) => {
    const at = order.indexOf(id);
    const to = { ArrowDown: at + 1, ArrowUp: at - 1, Home: 0, End: order.length - 1 }[e.key];
    if (to === undefined || to < 0 || to >= order.length) return;
    e.preventDefault();
    list.current?.querySelector<HTMLButtonElement>(`[data-analysis="${order[to]}"]`)?.focus();
  };
  return (
    <div className="analysis-list" ref={list}>
      <input type="search" aria-label="Search analyses" placeholder="Search analyses" value={search} onChange={(e) => setSearch(e.target.value)} />
      {themes.length === 0 && <p className="muted">No analysis matches “{search}”.</p>}
      {themes.map(([theme, list]) => (
        <section key={theme} aria-label={theme}>
          <h3>{theme}</h3>
          <ul>
            {list.map((a) => (
              <li key={a.id}>
                <button
                  type="button"
                  data-analysis={a.id}
                  tabIndex={a.id === tabStop ? 0 : -1}
                  aria-pressed={a.id === selected}
                  onClick={() => onSelect(a.id)}
                  onKeyDown={(e) => move(e, a.id)}
                  title={a.description}
                >
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
