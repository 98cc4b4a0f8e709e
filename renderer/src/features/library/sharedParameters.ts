import type { Output } from '../../../../shared/api';
import type { UiState } from '../../../../shared/contracts/session';

type Listed = Output<'analyses.list'>['analyses'][number];

/** Parameters set once in the header for every analysis, rather than in each analysis's own form. */
export const sharedParameterNames = ['area', 'comparator', 'from', 'to'] as const;

export const isShared = (name: string) => (sharedParameterNames as readonly string[]).includes(name);

/** The header's values for the shared parameters this analysis takes; unset ones are left for the engine's defaults. */
export function sharedValues(analysis: Listed, ui: UiState): Record<string, string> {
  const values: Record<string, string> = {};
  for (const p of analysis.parameters) {
    const value = isShared(p.name) ? ui[p.name as (typeof sharedParameterNames)[number]] : undefined;
    if (value) values[p.name] = value;
  }
  return values;
}
