import type { ImportReport } from '../../../shared/contracts/import';

type Area = ImportReport['unknown_areas'][number];

/**
 * One entry per unplaced area, however many datasets (crimes and ASB of one police.uk file) or files (twelve months)
 * it came up in: rows summed, with the rows per dataset, and suggestions merged. Most rows first.
 */
export function mergeUnknownAreas(areas: readonly (Area & { dataset?: string })[]): Area[] {
  const merged = new Map<string, Area>();
  for (const { dataset, ...u } of areas) {
    const key = `${u.kind}|${u.value}`;
    const seen = merged.get(key);
    const byDataset = { ...(seen?.by_dataset ?? {}) };
    for (const [d, n] of Object.entries(u.by_dataset ?? (dataset ? { [dataset]: u.rows } : {}))) byDataset[d] = (byDataset[d] ?? 0) + n;
    merged.set(key, {
      ...u,
      rows: (seen?.rows ?? 0) + u.rows,
      suggestions: [...new Set([...(seen?.suggestions ?? []), ...u.suggestions])],
      ...(Object.keys(byDataset).length ? { by_dataset: byDataset } : {}),
    });
  }
  return [...merged.values()].sort((a, b) => b.rows - a.rows || a.value.localeCompare(b.value));
}
