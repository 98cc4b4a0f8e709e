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

export const importContract = {
  /** Imports a file from this machine into the workspace, all or nothing, with progress and Cancel. */
  'import.run': {
    input: z.object({ file: z.string().min(1).max(4096), as: importAs, mapping: mappingProfile.optional(), operationId }),
    output: importReport,
  },
} as const;
