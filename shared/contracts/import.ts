import { z } from 'zod';
import { datasetNames, type DatasetName } from '../datasets/canonical';
import { mappingProfile } from '../datasets/mappingProfile';
import { operationId } from './common';

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
});
export type ImportReport = z.infer<typeof importReport>;

const file = z.string().min(1).max(4096);
/** A mapping given inline, or the name of one saved in the workspace. */
const mappingChoice = { mapping: mappingProfile.optional(), profile: z.string().min(1).max(200).optional() };

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
    input: z.object({ file, as: importAs, ...mappingChoice, operationId }),
    output: importReport,
  },
  /** What the import would do, without changing anything: detected format, first rows, suggested mapping. */
  'import.preview': {
    input: z.object({ file, as: importAs, ...mappingChoice }),
    output: importPreview,
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
