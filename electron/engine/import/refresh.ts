import type { DuckDBConnection } from '@duckdb/node-api';
import type { RefreshDiff } from '../../../shared/contracts/import';
import { canonicalDatasets } from '../../../shared/datasets/canonical';
import { EngineError } from '../errors';
import { quoteIdent } from '../sqlText';
import { toCount } from '../rows';
import type { Departure } from './displace';
import type { ImportPlan } from './plan';
import { targetTable } from './transform';

export type { RefreshDiff } from '../../../shared/contracts/import';

/** The column each refreshable dataset is broken down by in the difference. */
const groupColumns: Partial<Record<string, string>> = { crimes: 'offence_group', asb: 'category', incidents: 'incident_type' };

export interface Refreshing {
  dataset: string;
  key: string;
  dateColumn: string;
  sources: { import_id: number; file: string }[];
  /** For the duplicate check: every row of the same source may be updated, so none is a duplicate. */
  dupCheck: Departure;
  /** Per earlier import: the rows the new file updates (same reference) or no longer has (within its dates). */
  departures: Departure[];
}

/**
 * A refreshed extract replaces the earlier imports of the same source (the same saved mapping, into the same dataset):
 * rows it has again by reference are updated, new ones added, and rows of those imports within the new file's date
 * range that it no longer has (cancelled, "no-crimed") are removed. Refused where that cannot be worked out.
 */
export async function refreshSources(connection: DuckDBConnection, plan: ImportPlan): Promise<Refreshing> {
  const dataset = plan.targets[0]?.dataset;
  const spec = dataset ? canonicalDatasets[dataset] : undefined;
  const dateColumn = spec?.columns.find((c) => c.kind === 'date' && 'required' in c && c.required)?.name;
  if (plan.mode !== 'append' || plan.targets.length !== 1 || !spec?.key || !dateColumn || plan.forceMonth) {
    throw new EngineError('invalid_input', '--refresh updates a mapped extract of crimes, ASB or incidents by its references; police.uk months are replaced with --replace.');
  }
  if (!plan.profile.startsWith('mapping:') || plan.profile === 'mapping:unnamed') {
    throw new EngineError('invalid_input', '--refresh needs the saved mapping the earlier extract was imported with (--mapping "<name>"), so that it knows which rows came from the same source.');
  }
  const reader = await connection.runAndReadAll(
    `SELECT import_id, file_name FROM csw_meta.imports WHERE profile = ? AND json_extract(report_json, '$.by_dataset.' || ?) IS NOT NULL ORDER BY import_id`,
    [plan.profile, dataset],
  );
  const sources = reader.getRows().map(([id, file]) => ({ import_id: toCount(id), file: String(file) }));
  if (sources.length === 0) {
    throw new EngineError('invalid_input', `Nothing to refresh: no earlier import into ${dataset} used the mapping "${plan.profile.slice('mapping:'.length)}". Import it without --refresh.`);
  }
  const k = quoteIdent(spec.key);
  const d = quoteIdent(dateColumn);
  const t = targetTable(0);
  const good = `(SELECT ${k} FROM ${t} WHERE issue IS NULL AND ${k} IS NOT NULL)`;
  // Rows quarantined in the new file keep their old version: a bad date is not a cancelled crime.
  const any = `(SELECT ${k} FROM ${t} WHERE ${k} IS NOT NULL)`;
  const range = `${d} BETWEEN (SELECT min(${d}) FROM ${t} WHERE issue IS NULL) AND (SELECT max(${d}) FROM ${t} WHERE issue IS NULL)`;
  const departure = (s: { import_id: number; file: string }, where: string): Departure => ({ kind: 'refresh', ...s, dataset, force: null, month: null, where });
  return {
    dataset,
    key: spec.key,
    dateColumn,
    sources,
    dupCheck: departure({ import_id: 0, file: '' }, `import_id IN (${sources.map((s) => s.import_id).join(', ')})`),
    departures: sources.map((s) => departure(s, `import_id = ${s.import_id} AND (${k} IN ${good} OR (${range} AND ${k} NOT IN ${any}))`)),
  };
}

/**
 * The difference the refresh makes, before anything is written: new rows (reference not in the departing rows),
 * changed (same reference, any stored value different — a reclassified crime changes group), unchanged, and removed
 * (departing rows the file no longer has), each by offence group (the new group for added and changed rows).
 */
export async function refreshDiff(connection: DuckDBConnection, refreshing: Refreshing): Promise<RefreshDiff> {
  const t = targetTable(0);
  const table = `main.${quoteIdent(refreshing.dataset)}`;
  const columns = (await connection.runAndReadAll(`SELECT column_name FROM duckdb_columns() WHERE database_name = 'temp' AND table_name = ? ORDER BY column_index`, [t])).getRows().map(([c]) => String(c));
  const compared = columns.filter((c) => c !== 'line' && c !== 'issue' && c !== refreshing.key);
  const k = quoteIdent(refreshing.key);
  const same = compared.length ? compared.map((c) => `n.${quoteIdent(c)} IS NOT DISTINCT FROM o.${quoteIdent(c)}`).join(' AND ') : 'true';
  const groupColumn = groupColumns[refreshing.dataset];
  const group = (alias: string) => (groupColumn && columns.includes(groupColumn) ? `${alias}.${quoteIdent(groupColumn)}` : `'all'`);
  const departing = refreshing.departures.map((d) => `(${d.where})`).join(' OR ');
  const reader = await connection.runAndReadAll(
    `SELECT coalesce(CASE WHEN n.${k} IS NULL THEN ${group('o')} ELSE ${group('n')} END, '(none)') AS g,
            CASE WHEN o.${k} IS NULL THEN 'added' WHEN n.${k} IS NULL THEN 'removed' WHEN ${same} THEN 'unchanged' ELSE 'changed' END AS status,
            count(*)
     FROM (SELECT * FROM ${t} WHERE issue IS NULL) n FULL OUTER JOIN (SELECT * FROM ${table} WHERE ${departing}) o ON n.${k} = o.${k}
     GROUP BY ALL ORDER BY 1, 2`,
  );
  const dates = (await connection.runAndReadAll(`SELECT strftime(min(${quoteIdent(refreshing.dateColumn)}), '%Y-%m-%d'), strftime(max(${quoteIdent(refreshing.dateColumn)}), '%Y-%m-%d') FROM ${t} WHERE issue IS NULL`)).getRows()[0];
  const diff: RefreshDiff = {
    source: refreshing.sources.map((s) => `#${s.import_id} ${s.file}`).join(', '),
    from: dates[0] === null ? null : String(dates[0]),
    to: dates[1] === null ? null : String(dates[1]),
    added: 0,
    changed: 0,
    removed: 0,
    unchanged: 0,
    by_group: [],
  };
  for (const [g, status, n] of reader.getRows()) {
    const count = toCount(n);
    const key = String(status) as 'added' | 'changed' | 'removed' | 'unchanged';
    diff[key] += count;
    if (key === 'unchanged') continue;
    let entry = diff.by_group.find((e) => e.group === String(g));
    if (!entry) diff.by_group.push((entry = { group: String(g), added: 0, changed: 0, removed: 0 }));
    entry[key] += count;
  }
  return diff;
}
