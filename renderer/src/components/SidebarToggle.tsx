import { useSession } from '../app/session';

/**
 * Folds the side list (datasets, the library) away and back, so a result or grid can take the whole width of a small
 * screen; remembered with the rest of where the analyst was.
 */
export function SidebarToggle({ label }: { label: string }) {
  const { ui, update } = useSession();
  const collapsed = ui.sidebarCollapsed ?? false;
  return (
    <button
      type="button"
      className="sidebar-toggle"
      aria-expanded={!collapsed}
      aria-label={collapsed ? `Show the ${label}` : `Hide the ${label}`}
      title={collapsed ? `Show the ${label}` : `Hide the ${label}`}
      onClick={() => update({ sidebarCollapsed: !collapsed })}
    >
      <span aria-hidden="true">{collapsed ? '»' : '«'}</span>
    </button>
  );
}
