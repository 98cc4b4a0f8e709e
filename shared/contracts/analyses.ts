import { z } from 'zod';
import { analysisMetadata } from '../analyses/schema';
import { userAnalysis } from '../analyses/userAnalysis';
import { columnInfo, operationId } from './common';

export const areaOption = z.object({ code: z.string(), name: z.string(), type: z.enum(['district', 'csp', 'force']) });

/** How much of one window of an analysis one dated dataset covers (see the engine's periodCoverage). */
export const coverageWindow = z.object({
  window: z.string(),
  dataset: z.string(),
  from: z.string(),
  to: z.string(),
  days: z.number().int(),
  covered_days: z.number().int(),
  share: z.number(),
  data_from: z.string(),
  data_to: z.string(),
});
export type CoverageWindow = z.infer<typeof coverageWindow>;

export const analysesContract = {
  /** The areas analyses can be run for (from the geography lookup): districts, CSPs and force areas. */
  'areas.list': {
    input: z.object({}).strict(),
    output: z.object({
      areas: z.array(areaOption),
      /** The district to open on until the analyst chooses: the one the workspace's local datasets cover (see listAreas.ts). */
      suggested: z.string().nullable().optional(),
    }),
  },
  /** The library: every analysis's metadata (parameters, output columns, chart, method), without its SQL. */
  'analyses.list': {
    input: z.object({}).strict(),
    output: z.object({ analyses: z.array(analysisMetadata.extend({ source: z.enum(['library', 'user']) })) }),
  },
  /** Saves an analyst's own SQL into this workspace's library, with its parameters; it then runs like the others. */
  'analyses.save': {
    input: z.object({ analysis: userAnalysis }),
    output: z.object({ id: z.string() }),
  },
  /** The data's own values a parameter may take (offence subgroups, incident types, surveys…), for the form to offer. */
  'analyses.values': {
    input: z.object({
      id: z.string().regex(/^[a-z][a-z0-9-]{0,63}$/),
      name: z.string().regex(/^[a-z_]{1,32}$/),
      params: z.record(z.string().regex(/^[a-z_]{1,32}$/), z.union([z.string().max(200), z.number().finite()])).default({}),
    }),
    output: z.object({ values: z.array(z.string()) }),
  },
  /** Runs a library analysis by id with parameters (never SQL text), materialising the result for paging and export. */
  'analyses.run': {
    input: z.object({
      id: z.string().regex(/^[a-z][a-z0-9-]{0,63}$/, 'must be an analysis id such as crime-rates'),
      params: z.record(z.string().regex(/^[a-z_]{1,32}$/), z.union([z.string().max(200), z.number().finite()])).default({}),
      operationId,
    }),
    output: z.object({
      resultId: z.string(),
      columns: z.array(columnInfo),
      rowCount: z.number().int().nonnegative(),
      /** Every parameter as used, defaults filled in: what makes the figures reproducible. */
      parameters: z.record(z.string(), z.union([z.string(), z.number()])),
      area: z.string(),
      comparator: z.string(),
      /** How much of its period (and of each window it compares) the data covers. */
      coverage: z.array(coverageWindow).default([]),
      /** What a reader must know before using the figures: partial coverage, missing shares. Shown wherever they are. */
      warnings: z.array(z.string()).default([]),
      /** How the figures were made where a parameter changes it: the confidence level, the comparator chosen. */
      notes: z.array(z.string()).default([]),
      elapsedMs: z.number().nonnegative(),
    }),
  },
} as const;
