import type { DuckDBConnection } from '@duckdb/node-api';
import type { Provenance } from '../../../shared/contracts/exports';
import { withRelations } from '../../../shared/analyses/relations';
import { datasetNames } from '../../../shared/datasets/canonical';
import { dateTime, longDate as longUkDate, shortDateTime } from '../../../shared/format/dates';
import { appVersion } from '../appInfo';
import { listImports } from '../import/importsList';
import type { ResultContext } from '../results';
import type { Workspace } from '../workspace';

/**
 * The datasets a result was computed from: those its SQL names (with the shared relations it reads), plus the geography lookup and population behind
 * every area's rates (the analysis context builds them for any analysis with an area).
 */
export function datasetsUsed(context: ResultContext): string[] {
  // What the SQL reads itself and through the shared relations it names (spi-ward-values reads spi through one).
  // Only the library's analyses are given the shared relations; an own query naming one reads nothing through it.
  const read = context.analysis ? withRelations(context.sql) : context.sql;
  const named = datasetNames.filter((name) => new RegExp(`\\b${name}\\b`, 'i').test(read));
  const areaBased = context.analysis?.parameters.some((p) => p.name === 'area') ? ['geography', 'population'] : [];
  // A user's query on a view such as people reads victims and offenders.
  const people = /\bpeople\b/i.test(read) ? ['victims', 'offenders'] : [];
  return [...new Set([...named, ...areaBased, ...people])];
}

/** Where an export's numbers came from: each import that wrote a dataset the result used, and how it was made. */
export async function gatherProvenance(connection: DuckDBConnection, workspace: Workspace, context: ResultContext): Promise<Provenance> {
  const used = new Set(datasetsUsed(context));
  const imports = await listImports(connection);
  const sources = imports.flatMap((record) =>
    Object.entries(record.by_dataset)
      .filter(([dataset, rows]) => used.has(dataset) && rows > 0)
      .map(([dataset, rows]) => ({ dataset, file: record.file, imported_at: record.imported_at, sha256: record.sha256, rows })),
  );
  return {
    workspace: workspace.name,
    analysis: context.analysis ? { id: context.analysis.id, title: context.analysis.title, source: context.analysis.source } : null,
    parameters: context.parameters,
    method: context.analysis?.method ?? `An analyst's own SQL query: ${context.sql.replace(/\s+/g, ' ').trim().slice(0, 2000)}`,
    warnings: context.warnings ?? [],
    notes: context.notes ?? [],
    sources: sources.sort((a, b) => a.dataset.localeCompare(b.dataset) || a.file.localeCompare(b.file)),
    app_version: appVersion,
    duckdb_version: workspace.duckdbVersion,
    exported_at: new Date().toISOString().replace(/\.\d+Z$/, 'Z'),
  };
}

const longDate = (iso: string) => {
  const date = new Date(`${iso}T00:00:00Z`);
  return Number.isNaN(date.getTime()) ? iso : date.toLocaleDateString('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });
};

/** "1 April 2018 to 31 March 2019", or "12 months to 31 March 2019" for an analysis that takes only an end date. */
export function periodText(parameters: Record<string, string | number>, analysis?: { id: string; parameters: { name: string }[] }): string {
  const { from, to } = parameters;
  const analysisId = analysis?.id;
  const takesFrom = !analysis || analysis.parameters.some((p) => p.name === 'from');
  if (from && to && takesFrom) return `${longDate(String(from))} to ${longDate(String(to))}`;
  // An analysis with a months parameter (spc-monthly) says how many it covers.
  if (to) return `${parameters.months ? String(parameters.months) : analysisId === 'monthly-trend' ? '24' : '12'} months to ${longDate(String(to))}`;
  return '';
}

/** One line for the chart and the table: the datasets and the files they came from, with the start of each hash. */
export function sourceLine(provenance: Provenance): string {
  if (provenance.sources.length === 0) return `Source: workspace ${provenance.workspace}.`;
  const byDataset = new Map<string, string[]>();
  for (const s of provenance.sources) byDataset.set(s.dataset, [...(byDataset.get(s.dataset) ?? []), `${s.file} (imported ${longUkDate(s.imported_at.slice(0, 10))}, SHA-256 ${s.sha256.slice(0, 8)})`]);
  const parts = [...byDataset].map(([dataset, files]) => `${dataset}: ${files.slice(0, 2).join('; ')}${files.length > 2 ? `; and ${files.length - 2} more` : ''}`);
  return `Source: ${parts.join(' · ')}. Community Safety Workbench ${provenance.app_version}.`;
}

/** The provenance as label/value lines, for notes sheets, CSV footers and the board pack's appendix. */
export function provenanceLines(provenance: Provenance, statement: string): [string, string][] {
  return [
    ['Analysis', provenance.analysis ? `${provenance.analysis.title} (${provenance.analysis.id}, ${provenance.analysis.source})` : 'Own SQL query'],
    ['Parameters', Object.entries(provenance.parameters).map(([k, v]) => `${k} = ${v}`).join('; ') || 'none'],
    ...(provenance.warnings ?? []).map((w): [string, string] => ['Warning', w]),
    ['Method', provenance.method],
    ...(provenance.notes ?? []).map((n): [string, string] => ['Note', n]),
    ['Suppression', statement],
    ...provenance.sources.map((s): [string, string] => [`Source (${s.dataset})`, `${s.file}, imported ${shortDateTime(s.imported_at)}, ${s.rows.toLocaleString('en-GB')} rows, SHA-256 ${s.sha256}`]),
    ['Workspace', provenance.workspace],
    ['Software', `Community Safety Workbench ${provenance.app_version}, DuckDB ${provenance.duckdb_version}`],
    ['Exported', dateTime(provenance.exported_at)],
  ];
}
