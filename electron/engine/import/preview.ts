import type { DuckDBConnection } from '@duckdb/node-api';
import type { ImportPreview } from '../../../shared/contracts/import';
import { canonicalDatasets } from '../../../shared/datasets/canonical';
import { EngineError } from '../errors';
import { detectFormats } from './formats';
import type { ImportPlan } from './plan';
import { mappedPlan, suggestMapping } from './profiles/mapped';
import type { Pseudonymiser } from './pseudonymise';
import { openSource } from './sources/openSource';
import type { MappingProfile } from '../../../shared/datasets/mappingProfile';
import { planFor, sourceOptions, type ImportRequest } from './importFile';
import { looksLikeOther } from './choosePlan';
import { stageRecords } from './stage';
import { mappedColumns } from './quarantineRaw';

const PREVIEW_ROWS = 20;
const SAMPLE_ROWS = 500;

/**
 * What an import would do, changing nothing: the detected format, the first rows, and the mapping that would be used
 * (suggested from column names and sample values when none is given), with what it still lacks.
 */
export async function previewImport(
  connection: DuckDBConnection,
  filesDir: string,
  pseudonymiser: Pseudonymiser,
  request: ImportRequest,
): Promise<ImportPreview> {
  const source = await openSource(request.file, filesDir, connection, sourceOptions(request));
  try {
    const sample = await source.sample(SAMPLE_ROWS);
    let mapping: MappingProfile | null = request.mapping ?? null;
    let profile = request.mapping ? `mapping:${request.mapping.name ?? 'unnamed'}` : 'suggested';
    let problem: string | null = null;
    let dateFormat: string | null = null;
    let plan: ImportPlan | undefined;
    try {
      plan = planFor(request, source.header, '0'.repeat(64));
      profile = plan.profile;
    } catch (error) {
      if (!(error instanceof EngineError)) throw error;
      problem = error.message;
    }
    const other = looksLikeOther(request.as, source.header);
    if (!other && profile === 'suggested' && request.as !== 'police-uk') {
      // Suggested from names and sample values; a plan is still built from it, gaps and all, to detect formats.
      mapping = suggestMapping(request.as, source.header, sample);
      plan = mappedPlan(mapping, source.header, 'suggested', true);
      if (request.overrides?.date_format) plan = { ...plan, dateFormat: request.overrides.date_format };
    }
    if (plan) {
      // Formats are detected exactly as an import would, over the sample staged in a temporary table.
      async function* rows() {
        for (const [i, fields] of sample.entries()) yield { line: i + 2, fields };
      }
      // Person columns hashed here too: the sample is staged in a temporary table, which can spill to disk.
      await stageRecords(connection, source.header.length, rows(), plan.personColumns, pseudonymiser, () => undefined, () => false, mappedColumns(plan, source.header.length));
      dateFormat = (await detectFormats(connection, plan)).dateFormat ?? null;
    }
    const dataset = mapping?.dataset;
    const missing = dataset
      ? canonicalDatasets[dataset].columns.filter((c) => 'required' in c && c.required && !mapping!.columns[c.name] && !mapping!.constants?.[c.name]).map((c) => c.name)
      : [];
    return {
      format: source.format,
      encoding: source.encoding,
      delimiter: source.delimiter,
      header: source.header,
      rows: sample.slice(0, PREVIEW_ROWS),
      profile,
      mapping,
      missing,
      date_format: dateFormat,
      problem: other ? other.message : missing.length > 0 ? null : problem,
      ...(other ? { suggested_as: other.as } : {}),
    };
  } finally {
    source.close();
  }
}
