import { z } from 'zod';
import { datasetNames, type DatasetName } from '../datasets/canonical';
import { mappingProfile } from '../datasets/mappingProfile';
import { columnInfo, operationId } from './common';

export const importAs = z.enum(['police-uk', ...datasetNames] as ['police-uk', ...DatasetName[]]);

export const importReport = z.object({
  file: z.string(),
  dataset: z.string(),
  import_id: z.number().int(),
  profile: z.string(),
  sha256: z.string(),
  encoding: z.string(),
  delimiter: z.string(),
  date_format: z.string().nullable(),
  rows_read: z.number().int().nonnegative(),
  rows_imported: z.number().int().nonnegative(),
  rows_quarantined: z.number().int().nonnegative(),
  by_dataset: z.record(z.string(), z.number().int().nonnegative()),
  unplaced: z.object({ no_location: z.number().int().nonnegative(), outside_lookup: z.number().int().nonnegative() }),
  unknown_areas: z.array(
    z.object({ value: z.string(), kind: z.enum(['lsoa_code', 'ward_code', 'ward_name']), rows: z.number().int(), suggestions: z.array(z.string()) }),
  ),
  issues: z.array(z.object({ line: z.number().int(), column: z.string().nullable(), reason: z.string() })),
  warnings: z.array(z.string()),
  /** True for `import.check`: the figures an import would give; nothing was written. */
  dry_run: z.boolean().default(false),
});
export type ImportReport = z.infer<typeof importReport>;

const file = z.string().min(1).max(4096);
/** A mapping given inline, or the name of one saved in the workspace. */
const mappingChoice = { mapping: mappingProfile.optional(), profile: z.string().min(1).max(200).optional() };

/**
 * What the analyst overrides in the wizard when detection guessed wrong: the text encoding, the delimiter and the date
 * format. Formats are checked against a safe alphabet because the engine embeds them in SQL as literals.
 */
export const formatOverrides = z
  .object({
    encoding: mappingProfile.shape.encoding,
    delimiter: mappingProfile.shape.delimiter,
    date_format: mappingProfile.shape.date_format,
  })
  .strict();
export type FormatOverrides = z.infer<typeof formatOverrides>;

/** Unplaced ward names the analyst accepted a suggestion for: the file's spelling → the lookup's ward name. */
export const wardAliases = z.record(z.string().min(1).max(200), z.string().min(1).max(200)).refine((a) => Object.keys(a).length <= 500, 'at most 500 ward corrections');

const importRequest = { file, as: importAs, ...mappingChoice, overrides: formatOverrides.optional(), ward_aliases: wardAliases.optional() };

/** One import as recorded in the workspace: where the rows came from. */
export const importRecord = z.object({
  import_id: z.number().int(),
  file: z.string(),
  file_size: z.number().int().nonnegative(),
  sha256: z.string(),
  imported_at: z.string(),
  profile: z.string(),
  rows_read: z.number().int().nonnegative(),
  rows_imported: z.number().int().nonnegative(),
  rows_quarantined: z.number().int().nonnegative(),
  /** Rows written per dataset. */
  by_dataset: z.record(z.string(), z.number().int().nonnegative()),
});
export type ImportRecord = z.infer<typeof importRecord>;

const pagedResult = z.object({ resultId: z.string(), columns: z.array(columnInfo), rowCount: z.number().int().nonnegative() });

export const savedProfile = z.object({ name: z.string(), dataset: z.string(), profile: mappingProfile, saved_at: z.string() });

export const importPreview = z.object({
  format: z.string(),
  encoding: z.string(),
  delimiter: z.string(),
  header: z.array(z.string()),
  rows: z.array(z.array(z.string())),
  /** The built-in profile recognised, or 'suggested' / 'mapping:<name>'. */
  profile: z.string(),
  /** The mapping that would be used (suggested from names and values, or the one given); null for built-in profiles. */
  mapping: mappingProfile.nullable(),
  /** Columns the dataset needs that the mapping does not yet provide. */
  missing: z.array(z.string()),
  date_format: z.string().nullable(),
  /** Why the file cannot be imported as it stands (other than missing columns), or null. */
  problem: z.string().nullable(),
});
export type ImportPreview = z.infer<typeof importPreview>;

export const importContract = {
  /** Imports a file from this machine into the workspace, all or nothing, with progress and Cancel. */
  'import.run': {
    input: z.object({ ...importRequest, operationId }),
    output: importReport,
  },
  /**
   * The validation report an import would give — imported, quarantined with reasons and lines, unplaced wards with
   * suggestions — from a full dry run that is rolled back, so the workspace is never touched.
   */
  'import.check': {
    input: z.object({ ...importRequest, operationId }),
    output: importReport,
  },
  /** What the import would do, without changing anything: detected format, first rows, suggested mapping. */
  'import.preview': {
    input: z.object(importRequest),
    output: importPreview,
  },
  /** Every import into this workspace, newest first: file, hash, time, profile and rows, for the datasets panel. */
  'imports.list': {
    input: z.object({}).strict(),
    output: z.object({ imports: z.array(importRecord) }),
  },
  /** One import's quarantined rows (line, column, reason, raw record) as a pageable, exportable result. */
  'imports.quarantine': {
    input: z.object({ importId: z.number().int().positive() }),
    output: pagedResult,
  },
  'profiles.list': {
    input: z.object({}).strict(),
    output: z.object({ profiles: z.array(savedProfile) }),
  },
  /** Saves (or replaces) a named mapping profile in the workspace, for next year's file. */
  'profiles.save': {
    input: z.object({ profile: mappingProfile.refine((p) => !!p.name, 'a saved profile needs a name') }),
    output: z.object({ saved: z.literal(true) }),
  },
} as const;
