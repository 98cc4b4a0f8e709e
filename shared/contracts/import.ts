import { z } from 'zod';
import { datasetNames, type DatasetName } from '../datasets/canonical';
import { mappingProfile } from '../datasets/mappingProfile';
import { columnInfo, operationId } from './common';

export const importAs = z.enum(['police-uk', ...datasetNames] as ['police-uk', ...DatasetName[]]);

const count = z.number().int().nonnegative();

/** A force-month of police.uk rows: the unit police.uk publishes, replaces and republishes. */
export const forceMonth = z.object({ force: z.string(), month: z.string(), rows: count });

/** Rows an import took out of the workspace: a police.uk force-month it replaced, or extract rows it refreshed. */
export const replacedRows = z.object({
  import_id: z.number().int(),
  file: z.string(),
  dataset: z.string(),
  force: z.string().nullable(),
  month: z.string().nullable(),
  rows: count,
});

/** What a refreshed extract changes, by offence group (or category): added, changed and removed rows. */
export const refreshDiff = z.object({
  source: z.string(),
  from: z.string().nullable(),
  to: z.string().nullable(),
  added: count,
  changed: count,
  removed: count,
  unchanged: count,
  by_group: z.array(z.object({ group: z.string(), added: count, changed: count, removed: count })),
});

export type ReplacedRows = z.infer<typeof replacedRows>;
export type RefreshDiff = z.infer<typeof refreshDiff>;

/** The parts of a report about a file's place in the workspace's history: notes, replacements, refreshes. */
const lifecycleFields = {
  /** Things worth knowing that are neither errors nor quarantine (references made for police.uk rows, say). */
  notes: z.array(z.string()).optional(),
  /** police.uk only: how its rows were counted. */
  police_uk: z
    .object({ missing_id: count, shared_id: count, identical_rows: count, force_months: z.array(forceMonth) })
    .optional(),
  replaced: z.array(replacedRows).optional(),
  refresh: refreshDiff.optional(),
  /** Several files: files found but not imported, and why. */
  skipped: z.array(z.object({ file: z.string(), reason: z.string() })).optional(),
};

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
    z.object({
      value: z.string(),
      kind: z.enum(['lsoa_code', 'ward_code', 'ward_name']),
      rows: z.number().int(),
      suggestions: z.array(z.string()),
      /** Its rows per dataset (crimes and ASB of one police.uk file, say): the area is listed once. */
      by_dataset: z.record(z.string(), z.number().int()).optional(),
    }),
  ),
  issues: z.array(z.object({ line: z.number().int(), column: z.string().nullable(), reason: z.string(), file: z.string().optional() })),
  warnings: z.array(z.string()),
  /** True for `import.check`: the figures an import would give; nothing was written. */
  dry_run: z.boolean().default(false),
  ...lifecycleFields,
});
export type ImportReport = z.infer<typeof importReport>;

/** Several files in one import: the totals under the usual keys, and each file's own report under `files`. */
export const batchReport = importReport.extend({ files: z.array(importReport).optional(), import_ids: z.array(z.number().int()).optional() });
export type BatchReport = z.infer<typeof batchReport>;

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

const importRequest = {
  file,
  as: importAs,
  ...mappingChoice,
  overrides: formatOverrides.optional(),
  ward_aliases: wardAliases.optional(),
  /** Several files, folders (searched for police.uk `*-street.csv`) and .zip archives, imported as one; `file` is ignored. */
  files: z.array(file).min(1).max(5000).optional(),
  /** police.uk: replace the force-months already in the workspace instead of refusing them. */
  replace: z.boolean().optional(),
  /** A mapped extract: update rows by reference, add new ones, remove the same source's rows it no longer has. */
  refresh: z.boolean().optional(),
};

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
  /** The dataset it was imported as (police-uk, crimes…). */
  dataset: z.string().optional(),
  /** Rows of this import still in the workspace, per dataset (fewer than written once a later import replaced some). */
  rows_now: z.record(z.string(), z.number().int().nonnegative()).optional(),
  /** Later imports that replaced or refreshed some of its rows. */
  replaced_by: z.array(z.object({ import_id: z.number().int(), kind: z.enum(['replace', 'refresh']), rows: z.number().int().nonnegative() })).optional(),
  /** Earlier imports whose rows this one replaced or refreshed. */
  replaced: z.array(z.object({ import_id: z.number().int(), kind: z.enum(['replace', 'refresh']), rows: z.number().int().nonnegative() })).optional(),
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
  /** The type the file plainly is, when it was chosen as something it is not (a police.uk file as a lookup). */
  suggested_as: importAs.nullable().optional(),
});
export type ImportPreview = z.infer<typeof importPreview>;

export const importContract = {
  /** Imports a file from this machine into the workspace, all or nothing, with progress and Cancel. */
  'import.run': {
    input: z.object({ ...importRequest, operationId }),
    output: batchReport,
  },
  /**
   * The validation report an import would give — imported, quarantined with reasons and lines, unplaced wards with
   * suggestions — from a full dry run that is rolled back, so the workspace is never touched.
   */
  'import.check': {
    input: z.object({ ...importRequest, operationId }),
    output: batchReport,
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
  /**
   * Takes one import out of the workspace, in one transaction: exactly the rows it brought, its quarantine and its
   * record; rows it replaced come back. Refused for a lookup, or while a later import has replaced some of its rows.
   */
  'imports.remove': {
    input: z.object({ importId: z.number().int().positive() }),
    output: z.object({ import_id: z.number().int(), file: z.string(), removed: z.record(z.string(), z.number().int().nonnegative()), quarantine: z.number().int().nonnegative(), restored: z.record(z.string(), z.number().int().nonnegative()) }),
  },
  /** What removing an import would take away, for the confirmation (nothing is changed). */
  'imports.removal': {
    input: z.object({ importId: z.number().int().positive() }),
    output: z.object({ import_id: z.number().int(), file: z.string(), removed: z.record(z.string(), z.number().int().nonnegative()), quarantine: z.number().int().nonnegative(), restored: z.record(z.string(), z.number().int().nonnegative()), refusal: z.string().nullable() }),
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
