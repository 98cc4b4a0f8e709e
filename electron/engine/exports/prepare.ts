import { listValue, type DuckDBConnection } from '@duckdb/node-api';
import type { Output } from '../../../shared/api';
import type { AnalysisMetadata } from '../../../shared/analyses/schema';
import { suppress, type SuppressionConfig } from '../../../shared/exports/suppression';
import { EngineError } from '../errors';
import type { ResultStore } from '../results';
import { jsonRows } from '../rows';
import type { Workspace } from '../workspace';
import { gatherProvenance, periodText, sourceLine } from './provenance';
import { loadChart } from './chartSettings';
import { loadSolver } from './solver';
import { publicationOrder } from '../../../shared/exports/order';

/** Most rows an export prepares: board papers and charts hold summaries; bigger results export through the CLI. */
export const EXPORT_ROW_LIMIT = 100_000;

export type Prepared = Output<'exports.prepare'>;

/** A result's rows, suppressed, with everything an export states about them. */
/**
 * What a raw export says in place of the suppression statement: in the file and its audit entry, so unsuppressed
 * figures written for an internal pipeline cannot pass for publishable ones.
 */
export const RAW_STATEMENT = 'RAW, NOT FOR PUBLICATION: unsuppressed figures written for an internal pipeline (--raw); small numbers are shown as they are.';

export async function prepareExport(
  connection: DuckDBConnection,
  workspace: Workspace,
  results: ResultStore,
  resultId: string,
  requested: SuppressionConfig,
  options: { raw?: boolean } = {},
): Promise<Prepared> {
  const config = options.raw ? { threshold: 0 } : requested;
  const columns = results.columns(resultId);
  const context = results.context(resultId);
  if (!columns || !context) throw new EngineError('not_found', `The result ${resultId} is no longer held: run the analysis or query again.`);
  const reader = await connection.runAndReadAll(`SELECT * FROM ${results.relation(resultId)} LIMIT ${EXPORT_ROW_LIMIT + 1}`);
  const all = jsonRows(reader);
  const truncated = all.length > EXPORT_ROW_LIMIT;
  const raw = truncated ? all.slice(0, EXPORT_ROW_LIMIT) : all;
  const analysis: AnalysisMetadata | null = context.analysis ? stripSource(context.analysis) : null;
  // An analyst's own query declares no count columns, so nothing in it is suppressed; the statement says so.
  const suppressed = await suppressOnce(results, resultId, config, () => loadSolver().then((solve) => suppress(analysis?.columns ?? [], raw, config, analysis?.suppression, { solve, parameters: context.parameters })));
  const provenance = await gatherProvenance(connection, workspace, context);
  // A library analysis without counts (a grading, a matrix of verdicts) is not an analyst's own query: say which it is.
  const library = Boolean(context.analysis && context.analysis.source !== 'user');
  const statement = !(analysis && analysis.columns.some((c) => c.format === 'count'))
    ? library
      ? 'No small-number suppression: this table holds no counts of crimes or people, only rates, grades and verdicts.'
      : 'No small-number suppression: this result declares no count columns (an own query). Check it before sharing.'
    : options.raw
      ? RAW_STATEMENT
      : suppressed.statement;
  // With cells hidden, rows are published in an order that reads no hidden value (by name within their groups).
  const order = suppressed.hidden.size > 0 && analysis?.suppression?.order ? publicationOrder(raw, analysis.suppression.order, new Set(suppressed.hidden.keys())) : raw.map((_, i) => i);
  const position = new Map(order.map((from, to) => [from, to]));
  return {
    analysis,
    title: `${options.raw && analysis ? 'RAW, NOT FOR PUBLICATION: ' : ''}${analysis?.title ?? 'Query result'}`,
    area: context.area,
    comparator: context.comparator,
    period: periodText(context.parameters, analysis ?? undefined),
    rows: order.map((i) => suppressed.rows[i]),
    hidden: [...suppressed.hidden].flatMap(([row, cells]) => [...cells].map(([column, reason]) => ({ row: position.get(row)!, column, reason }))),
    statement,
    source: sourceLine(provenance),
    provenance,
    boundaries: analysis?.chart.key ? await boundariesFor(connection, raw.map((r) => String(r[analysis.chart.key!] ?? ''))) : {},
    truncated,
    savedChart: analysis ? await loadChart(connection, analysis.id) : null,
  };
}

/**
 * A result never changes once materialised, so its suppression at a threshold is worked out once: the chart, the
 * table export and the board pack of one result share it (the exact audit can take seconds on a large table).
 */
const suppressedResults = new WeakMap<ResultStore, Map<string, Promise<ReturnType<typeof suppress>>>>();
function suppressOnce(results: ResultStore, resultId: string, config: SuppressionConfig, work: () => Promise<ReturnType<typeof suppress>>): Promise<ReturnType<typeof suppress>> {
  const held = suppressedResults.get(results) ?? new Map<string, Promise<ReturnType<typeof suppress>>>();
  suppressedResults.set(results, held);
  const key = `${resultId}|${config.threshold}`;
  const cached = held.get(key);
  if (cached) return cached;
  const pending = work().catch((error: unknown) => {
    held.delete(key);
    throw error;
  });
  held.set(key, pending);
  // A long session runs many results; only the recent ones are worth keeping.
  if (held.size > 64) held.delete(held.keys().next().value!);
  return pending;
}

function stripSource({ source: _source, ...metadata }: AnalysisMetadata & { source: string }): AnalysisMetadata {
  return metadata;
}

/** The workspace's boundary geometries for these area codes; none when no boundaries were imported. */
async function boundariesFor(connection: DuckDBConnection, codes: string[]): Promise<Prepared['boundaries']> {
  const wanted = [...new Set(codes.filter(Boolean))];
  if (wanted.length === 0) return {};
  const reader = await connection
    .runAndReadAll(`SELECT area_code, coalesce(area_name, area_code), geometry FROM boundaries WHERE area_code IN (SELECT unnest($codes::VARCHAR[]))`, { codes: listValue(wanted) })
    .catch(() => undefined);
  const out: Prepared['boundaries'] = {};
  for (const [code, name, geometry] of reader?.getRows() ?? []) {
    try {
      out[String(code)] = { name: String(name), geometry: JSON.parse(String(geometry)) };
    } catch {
      // A geometry that does not parse is left out; the chart names the wards it could not draw.
    }
  }
  return out;
}
