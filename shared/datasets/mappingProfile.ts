import { z } from 'zod';
import { canonicalDatasets, datasetNames, type DatasetName } from './canonical';

const encodings = ['utf-8', 'windows-1252', 'latin1', 'utf-16le'] as const;
export type SourceEncoding = (typeof encodings)[number];

/**
 * A saved mapping from a source file's columns to a canonical dataset, reusable next year in one step. Format strings
 * are checked against a safe alphabet because the engine embeds them in SQL as literals.
 */
export const mappingProfile = z
  .object({
    name: z.string().max(200).optional(),
    dataset: z.enum(datasetNames as [DatasetName, ...DatasetName[]]),
    columns: z.record(z.string(), z.string().min(1).max(500)),
    date_format: z.string().regex(/^[%A-Za-z0-9 /:.\-T]{2,40}$/, 'must be a strftime format such as %d/%m/%Y').optional(),
    timestamp_format: z.string().regex(/^[%A-Za-z0-9 /:.\-T]{2,40}$/, 'must be a strftime format such as %d/%m/%Y %H:%M').optional(),
    encoding: z.enum(encodings).optional(),
    delimiter: z.enum([',', '\t', ';', '|']).optional(),
    /** Workbooks: the sheet to read (by name); otherwise the first sheet that holds a table. */
    sheet: z.string().max(100).optional(),
    true_values: z.array(z.string().max(40)).max(20).optional(),
    false_values: z.array(z.string().max(40)).max(20).optional(),
    /** Fixed values for canonical columns the file does not have (e.g. population year). */
    constants: z.record(z.string(), z.string().max(200)).optional(),
    /** Survey only: per question, which answers count as positive and which leave the base. */
    recodes: z
      .record(z.string(), z.object({ positive: z.array(z.string().max(200)).max(50), excluded: z.array(z.string().max(200)).max(50).default([]) }))
      .optional(),
  })
  .strict()
  .superRefine((profile, ctx) => {
    const known = new Set<string>(canonicalDatasets[profile.dataset].columns.map((c) => c.name));
    for (const column of [...Object.keys(profile.columns), ...Object.keys(profile.constants ?? {})]) {
      if (!known.has(column)) {
        ctx.addIssue({ code: 'custom', path: ['columns', column], message: `"${column}" is not a column of ${profile.dataset}` });
      }
    }
  });
export type MappingProfile = z.infer<typeof mappingProfile>;

export const defaultTrueValues = ['y', 'yes', 'true', 't', '1'];
export const defaultFalseValues = ['n', 'no', 'false', 'f', '0', ''];
