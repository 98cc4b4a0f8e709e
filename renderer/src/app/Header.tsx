import { useEffect, useState } from 'react';
import { useApi } from '../api/ApiContext';
import { useQuery } from '../api/useQuery';
import { useDataVersion } from '../api/dataChanged';
import { UkDateInput } from '../components/UkDateInput';
import { WorkspaceDialog } from '../features/workspace/WorkspaceDialog';
import { useSession } from './session';
import { ViewSwitcher } from './ViewSwitcher';

/** Workspace name (opens the workspace dialog), the assessment settings every analysis shares, and the views. */
export function Header() {
  const { session } = useSession();
  const [dialogOpen, setDialogOpen] = useState(false);
  return (
    <header className="app-header">
      <h1>Community Safety Workbench</h1>
      <button type="button" className="workspace-button" aria-label={`Workspace: ${session.current.name}. Open, create or switch workspace`} onClick={() => setDialogOpen(true)}>
        <span aria-hidden="true">▤</span> {session.current.name}
      </button>
      <AssessmentPickers />
      <ViewSwitcher />
      {dialogOpen && <WorkspaceDialog onClose={() => setDialogOpen(false)} />}
    </header>
  );
}

const defaultPeriod = 'Leave both dates empty for the latest 12 whole months in the data';

const areaGroups = [
  { type: 'district', label: 'Districts (local authorities)' },
  { type: 'csp', label: 'Community Safety Partnerships' },
  { type: 'force', label: 'Police force areas' },
] as const;

/** Area, comparator and period: set once here, used by every analysis in the library. */
function AssessmentPickers() {
  const api = useApi();
  const { ui, update } = useSession();
  // Asked again after an import (a lookup brings the areas) without a reload.
  const areas = useQuery(`areas:${useDataVersion()}`, () => api['areas.list']({}), { keepWhileReloading: true });
  const list = areas.status === 'ready' ? areas.value.areas : [];
  const area = ui.area ?? '';
  // Until the analyst chooses, the workspace's own district (the one its local datasets cover), else the first.
  const initial = areas.status === 'ready' ? (areas.value.suggested ?? list.find((a) => a.type === 'district')?.code) : undefined;
  useEffect(() => {
    // Decided when applied: an area chosen between this render and the effect is kept.
    if (!ui.area && initial) update((current) => (current.area ? {} : { area: initial }));
  }, [ui.area, initial, update]);
  const option = (a: (typeof list)[number]) => (
    <option key={`${a.type}-${a.code}`} value={a.code}>
      {a.name} ({a.type === 'csp' ? 'CSP' : a.type})
    </option>
  );
  // A district and its Community Safety Partnership often share a name and an extent; the groups say which is which.
  const grouped = areaGroups.map((g) => ({ ...g, areas: list.filter((a) => a.type === g.type) })).filter((g) => g.areas.length > 0);
  const options = grouped.map((g) => (
    <optgroup key={g.type} label={g.label}>
      {g.areas.map(option)}
    </optgroup>
  ));
  if (areas.status === 'ready' && list.length === 0) {
    return <p className="assessment muted">No areas yet: import the ONS geography lookup to choose an area.</p>;
  }
  return (
    <fieldset className="assessment">
      <legend className="visually-hidden">Assessment area and period</legend>
      <label>
        Area
        <select aria-label="Assessment area" value={area} onChange={(e) => update({ area: e.target.value })}>
          {options}
        </select>
      </label>
      <label>
        vs
        <select aria-label="Comparator" value={ui.comparator ?? ''} onChange={(e) => update({ comparator: e.target.value || undefined })}>
          <option value="">the force area</option>
          {options}
        </select>
      </label>
      <label>
        From
        <UkDateInput aria-label="Period from" title={defaultPeriod} value={ui.from ?? ''} onChange={(iso) => update({ from: iso || undefined })} />
      </label>
      <label>
        to
        <UkDateInput aria-label="Period to" title={defaultPeriod} value={ui.to ?? ''} onChange={(iso) => update({ to: iso || undefined })} />
      </label>
      {!ui.from && !ui.to && (
        <span className="muted small period-note" title={defaultPeriod}>
          latest 12 months
        </span>
      )}
    </fieldset>
  );
}
