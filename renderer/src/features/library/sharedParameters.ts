import type { Output } from '../../../../shared/api';
import { parametersTaken } from '../../../../shared/analyses/parametersTaken';
import type { UiState } from '../../../../shared/contracts/session';

type Listed = Output<'analyses.list'>['analyses'][number];

/** Parameters set once in the header for every analysis, rather than in each analysis's own form. */
export const sharedParameterNames = ['area', 'comparator', 'from', 'to'] as const;

export const isShared = (name: string) => (sharedParameterNames as readonly string[]).includes(name);

/** The header's values for the shared parameters this analysis takes; unset ones are left for the engine's defaults. */
export function sharedValues(analysis: Listed, ui: UiState): Record<string, string> {
  const set = Object.fromEntries(sharedParameterNames.map((name) => [name, ui[name] || undefined]));
  return parametersTaken(analysis, set);
}
