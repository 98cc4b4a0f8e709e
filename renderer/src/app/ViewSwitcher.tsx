import { useRef, type KeyboardEvent } from 'react';
import type { UiState } from '../../../shared/contracts/session';
import { useSession } from './session';

const views: { id: NonNullable<UiState['view']>; label: string }[] = [
  { id: 'datasets', label: 'Datasets' },
  { id: 'import', label: 'Import' },
  { id: 'library', label: 'Library' },
  { id: 'sql', label: 'SQL' },
];

/**
 * The four views as one toolbar: one Tab stop (the current view), the arrow keys, Home and End move between them,
 * Enter or Space opens one. Four stops of the header were spent on it before, on the way to every form.
 */
export function ViewSwitcher() {
  const { ui, update } = useSession();
  const current = ui.view ?? 'datasets';
  const bar = useRef<HTMLDivElement>(null);
  const move = (e: KeyboardEvent<HTMLButtonElement>, at: number) => {
    const to = { ArrowRight: at + 1, ArrowDown: at + 1, ArrowLeft: at - 1, ArrowUp: at - 1, Home: 0, End: views.length - 1 }[e.key];
    if (to === undefined) return;
    e.preventDefault();
    bar.current?.querySelectorAll<HTMLButtonElement>('button')[(to + views.length) % views.length]?.focus();
  };
  return (
    <nav className="views" aria-label="Views">
      <div ref={bar} role="toolbar" aria-label="Views" className="views-toolbar">
        {views.map((v, i) => (
          <button key={v.id} type="button" aria-pressed={current === v.id} tabIndex={current === v.id ? 0 : -1} onKeyDown={(e) => move(e, i)} onClick={() => update({ view: v.id })}>
            {v.label}
          </button>
        ))}
      </div>
    </nav>
  );
}
