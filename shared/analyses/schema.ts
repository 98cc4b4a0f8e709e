import { z } from 'zod';

const parameter = z.object({
  name: z.string().regex(/^[a-z_]+$/),
  type: z.enum(['area', 'date', 'integer', 'number', 'choice', 'text']),
  label: z.string(),
  /** Omitted: required, or (for shared parameters) resolved from the data. */
  default: z.union([z.string(), z.number()]).optional(),
  choices: z.array(z.union([z.string(), z.number()])).optional(),
  min: z.number().optional(),
  max: z.number().optional(),
  help: z.string().optional(),
});
export type AnalysisParameter = z.infer<typeof parameter>;

const column = z.object({
  name: z.string(),
  label: z.string(),
  format: z.enum(['text', 'count', 'rate', 'percent', 'number', 'date', 'flag']),
  unit: z.string().optional(),
  /**
   * The count columns this value is calculated from: when one of them is hidden by small-number suppression, so is
   * this (a rate and its population give the count back).
   */
  from: z.array(z.string()).optional(),
});

export const chartTypes = ['interval-bars', 'bars', 'ward-ranking', 'trend', 'stacked', 'pyramid', 'scatter', 'choropleth', 'table', 'ratio-intervals', 'xmr', 'funnel', 'spine', 'matrix'] as const;
export type ChartType = (typeof chartTypes)[number];

/**
 * The analysis's default chart: which output columns it draws. Everything here can be changed in the chart editor;
 * `filter` picks the rows drawn (the offence group, the role, the breakdown) and `alternatives` are other fitting types.
 */
export const chartSpec = z
  .object({
    type: z.enum(chartTypes),
    /** Category (bars), month (trend), ward name (ranking), age band (pyramid), measure name (scatter). */
    x: z.string().optional(),
    /** The value drawn. */
    y: z.string().optional(),
    /** A second value drawn beside the first (grouped bars) or as a line (the rolling 12-month mean). */
    y2: z.string().optional(),
    lower: z.string().optional(),
    upper: z.string().optional(),
    /** The comparator's value, drawn as a marker against each bar. */
    comparator: z.string().optional(),
    /** Splits the bars into stacks (offence subgroup) or the pyramid into halves (sex). */
    series: z.string().optional(),
    /** Colours bars by a category (the ward flag). */
    colour: z.string().optional(),
    /** The area code column that joins rows to the workspace's boundaries (choropleth). */
    key: z.string().optional(),
    /** Point labels (scatter): one point per label, pivoted from x (measure) and y (value). */
    label: z.string().optional(),
    /** A reference line at this value (0 for changes, 100 for an index). */
    reference: z.number().optional(),
    filter: z.object({ column: z.string(), value: z.union([z.string(), z.null()]) }).optional(),
    /** Categories (x values) left out of bars and stated in the note instead: a total beside its parts. */
    exclude: z.array(z.string()).optional(),
    alternatives: z.array(z.enum(chartTypes)).optional(),
    x_label: z.string().optional(),
    y_label: z.string().optional(),
  })
  .strict();
export type ChartSpec = z.infer<typeof chartSpec>;

/**
 * Which rows add up, for secondary suppression: rows sharing the `within` columns (and matching `where`) form one
 * additive set per count column, so one hidden cell in a set must be joined by another. Without this, all rows form
 * one set.
 */
export const suppressionSpec = z
  .object({
    sets: z.array(
      z
        .object({
          within: z.array(z.string()),
          where: z.record(z.string(), z.union([z.string(), z.null()])).optional(),
        })
        .strict(),
    ),
  })
  .strict();
export type SuppressionSpec = z.infer<typeof suppressionSpec>;

/** An analysis's metadata (its JSON file); its SQL is the .sql file of the same id. */
export const analysisMetadata = z
  .object({
    id: z.string().regex(/^[a-z][a-z0-9-]*$/),
    title: z.string(),
    description: z.string(),
    theme: z.string(),
    reproduces: z.string().optional(),
    parameters: z.array(parameter),
    columns: z.array(column),
    chart: chartSpec,
    suppression: suppressionSpec.optional(),
    method: z.string(),
  })
  .strict();
export type AnalysisMetadata = z.infer<typeof analysisMetadata>;

export interface Analysis extends AnalysisMetadata {
  sql: string;
}
