import type { JsonValue } from '../contracts/common';
import type { Metadata } from '../charts/options';

/**
 * The other slices a pack draws as further figures of the same section: a victim–offender pyramid draws one role at a
 * time, and the pack shows both. Other charts' slices are choices for the analyst, not halves, and are not added.
 */
export function otherHalves(metadata: Metadata, rows: readonly Record<string, JsonValue>[], drawn: string | null | undefined): string[] {
  const column = metadata.chart.filter?.column;
  if (metadata.chart.type !== 'pyramid' || !column) return [];
  return [...new Set(rows.map((r) => r[column]).filter((v): v is string => typeof v === 'string' && v !== ''))].filter((v) => v !== drawn);
}
