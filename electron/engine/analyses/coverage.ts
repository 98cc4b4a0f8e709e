import type { DuckDBConnection } from '@duckdb/node-api';
import type { Analysis } from '../../../shared/analyses/schema';
import type { CoverageWindow } from '../../../shared/contracts/analyses';
import { withRelations } from '../../../shared/analyses/relations';

/** The dated datasets an analysis can read, and the column that dates each event. */
const DATED: readonly { dataset: string; column: string; label: string }[] = [
  { dataset: 'crimes', column: 'recorded_date', label: 'Recorded crimes' },
  { dataset: 'asb', column: 'reported_date', label: 'ASB incidents' },
  { dataset: 'incidents', column: 'reported_date', label: 'Police incidents' },
];

interface Window {
  label: string;
  from: string;
  to: string;
}

const addMonths = (iso: string, months: number) => {
  const d = new Date(`${iso}T00:00:00Z`);
  d.setUTCMonth(d.getUTCMonth() + months);
  return d.toISOString().slice(0, 10);
};
const addDays = (iso: string, days: number) => new Date(Date.parse(`${iso}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
const daysBetween = (from: string, to: string) => Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000) + 1;
const longDate = (iso: string) => new Date(`${iso}T00:00:00Z`).toLocaleDateString('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });

/**
 * The windows an analysis counts over: its declared ones (the 12 months to `to` and the 12 before, for a change), or
 * else its period from `from` to `to`.
 */
export function analysisWindows(analysis: Analysis, values: Record<string, string | number>): Window[] {
  const to = typeof values.to === 'string' ? values.to : undefined;
  if (!to) return [];
  if (analysis.windows?.length) {
    return analysis.windows.map((w) => {
      const end = w.ends_months_before_to ? addDays(addMonths(addDays(to, 1), -w.ends_months_before_to), -1) : to;
      return { label: w.label, from: addMonths(addDays(end, 1), -w.months), to: end };
    });
  }
  return typeof values.from === 'string' ? [{ label: 'period', from: values.from, to }] : [];
}

/**
 * How much of each window the data covers, for each dated dataset the analysis reads. A dataset's extent runs from its
 * first to its last event; monthly data (every event on the 1st, as police.uk publishes) runs to the end of its last
 * month. An event outside the extent is not a zero the analysis can count, so a window the data does not reach is
 * reported (and an analysis comparing windows reports no change between windows of unequal coverage).
 */
export async function periodCoverage(connection: DuckDBConnection, analysis: Analysis, values: Record<string, string | number>): Promise<CoverageWindow[]> {
  const windows = analysisWindows(analysis, values);
  if (windows.length === 0) return [];
  const out: CoverageWindow[] = [];
  // The datasets the analysis reads, itself or through a shared relation (the priorities' events read asb, incidents…).
  const read = withRelations(analysis.sql);
  for (const d of DATED.filter((x) => new RegExp(`\\b${x.dataset}\\b`).test(read))) {
    const extent = await connection
      .runAndReadAll(`SELECT min(${d.column})::VARCHAR, CASE WHEN bool_and(day(${d.column}) = 1) THEN last_day(max(${d.column})) ELSE max(${d.column}) END::VARCHAR FROM ${d.dataset}`)
      .then((r) => r.getRows()[0])
      .catch(() => undefined); // a dataset not imported: the analysis itself says what to import
    if (!extent || extent[0] === null) continue;
    const [first, last] = [String(extent[0]), String(extent[1])];
    for (const w of windows) {
      const start = first > w.from ? first : w.from;
      const end = last < w.to ? last : w.to;
      const covered = end < start ? 0 : daysBetween(start, end);
      out.push({ window: w.label, dataset: d.dataset, from: w.from, to: w.to, days: daysBetween(w.from, w.to), covered_days: covered, share: covered / daysBetween(w.from, w.to), data_from: first, data_to: last });
    }
  }
  return out;
}

/** One plain warning per window the data does not fully cover, for the app, the exports and the key points. */
export function coverageWarnings(coverage: CoverageWindow[]): string[] {
  const label = (dataset: string) => DATED.find((d) => d.dataset === dataset)?.label ?? dataset;
  return coverage
    .filter((c) => c.share < 1)
    .map(
      (c) =>
        `${label(c.dataset)} cover ${c.covered_days} of the ${c.days} days of the ${c.window} (${longDate(c.from)} to ${longDate(c.to)}): the data runs from ${longDate(c.data_from)} to ${longDate(c.data_to)}, so counts${c.covered_days ? ' and rates' : ''} for it are ${c.covered_days ? 'for part of it only' : 'empty, not zero'}.`,
    );
}
