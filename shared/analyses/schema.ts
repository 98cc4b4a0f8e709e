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
  /**
   * A value of the data, chosen from the data's own values so that it cannot silently match nothing: offence groups,
   * subgroups, ASB categories, incident types, imported surveys, or (`measure`) those of the kind the analysis's
   * `measure_kind` names. Empty still means "all".
   */
  values_from: z.enum(['offence_group', 'offence_subgroup', 'asb_category', 'incident_type', 'survey', 'measure']).optional(),
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
  /**
   * Decimal places a 'number' column is printed with where one precision is not right for every number: ranks, grades
   * and tallies are whole ("9", not "9.0"), rate ratios take two, p-values three. Presentation only; values stay exact.
   */
  decimals: z.number().int().min(0).max(6).optional(),
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
    /**
     * Linear relations between the count columns of one row that a reader could use (an identity such as
     * crimes = victims − repeat victims + crimes against repeat victims, or a bound such as repeat ≤ all), written
     * `a + 2*b - c = d`, `>=` or `<=`; a parameter's name stands for its value. The exact audit uses them.
     */
    relations: z.array(z.string().regex(/^[A-Za-z0-9_+\-*. ]+(=|>=|<=)[A-Za-z0-9_+\-*. ]+$/, 'must be a linear relation such as "a + b = c"')).optional(),
    /**
     * Summary figures computed over many rows' cells (a ward mean and SD, a rolling mean): hidden in every row of a
     * group (`within`) where a cell of `over` is hidden, since they would narrow it down.
     */
    summaries: z.array(z.object({ columns: z.array(z.string()).min(1), over: z.string(), within: z.array(z.string()) }).strict()).optional(),
    /**
     * Cells the analysis's own rule withholds (a survey group under its smallest base): hidden as "[c]", protected
     * like any hidden cell; `at_most` names the column that bounds the value (a group's positives ≤ its base).
     */
    rules: z.array(z.object({ when: z.object({ column: z.string(), equals: z.string() }).strict(), hide: z.array(z.string()).min(1), at_most: z.string().optional() }).strict()).optional(),
    /**
     * The order of an export with hidden cells: rows keep the groups of the leading columns (in the order they come)
     * and are sorted by the last one by name, never by a hidden value. Omitted: the analysis's order is already so.
     */
    order: z.array(z.string()).min(1).optional(),
  })
  .strict();
export type SuppressionSpec = z.infer<typeof suppressionSpec>;

/**
 * The tested-change and priorities kinds: every measure against the comparator with the area's rank (area-profile),
 * a rate ratio with its exact limits (rate-change), XmR signals (spc-monthly), a district's place in the funnel
 * (district-comparison), the exceptions, a priority's measures, the priority matrix and the MoRiLE scores
 * (shared/exports/changeKeyPoints.ts).
 */
const changeKinds = ['area-profile', 'rate-ratio', 'spc', 'funnel', 'exceptions', 'priority-profile', 'priority-matrix', 'priority-score'] as const;

/**
 * What kind of measure an analysis gives, so its key points say what the numbers mean: a rate or share against a
 * comparator, a change on the previous period, a correlation, a ranking among wards, a breakdown of a cohort, an index
 * against the population, a monthly trend, or repeat victimisation/offending. The values are written in analyses'
 * metadata, so they keep their names: 'profile' is a breakdown (flag-profile, victim-offender-profile), while
 * 'area-profile' and 'priority-profile' are the profiles setting each measure against the comparator.
 */
export const keyPointKinds = ['rate-vs-comparator', 'share', 'change', 'correlation', 'ranking', 'profile', 'index', 'trend', 'repeat', ...changeKinds] as const;
export type KeyPointKind = (typeof keyPointKinds)[number];

export const keyPointSpec = z
  .object({
    kind: z.enum(keyPointKinds),
    /** The row the assessment leads with (a total, matched on the chart's x column); never ranked with the others. */
    headline: z.string().optional(),
    /** Rows that are members (wards, categories); others (the area, its comparator) are never ranked with them. */
    members: z.object({ column: z.string(), value: z.string() }).strict().optional(),
    /** The column holding each row's base (the previous year's count, the burglaries, the wards correlated). */
    base: z.string().optional(),
    /** Below this base a change, share or correlation carries a caveat and is not called one of the largest. */
    small_base: z.number().optional(),
    /** What the members are called ("offence groups", "wards"), and what the base counts ("burglaries"). */
    members_noun: z.string().optional(),
    base_noun: z.string().optional(),
    /**
     * Text columns that hold a verdict (an SPC signal, a matrix status) rather than a name: their words are read by the
     * checker like any other, so a comparative word in them needs its claim. Flag columns are always verdicts.
     */
    verdicts: z.array(z.string()).optional(),
  })
  .strict();
export type KeyPointSpec = z.infer<typeof keyPointSpec>;

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
    key_points: keyPointSpec.optional(),
    /**
     * The windows it counts over, when not simply from `from` to `to` (a change: the 12 months to `to` and the 12
     * before). The engine reports how much of each the data covers.
     */
    windows: z.array(z.object({ label: z.string(), months: z.number().int().positive(), ends_months_before_to: z.number().int().nonnegative().optional() }).strict()).optional(),
    /**
     * The columns a board pack's table shows, for an analysis with more than fit the page's width (those that do not
     * vary still become notes); the table exports carry every column.
     */
    table_columns: z.array(z.string()).min(1).optional(),
    method: z.string(),
  })
  .strict();
export type AnalysisMetadata = z.infer<typeof analysisMetadata>;

export interface Analysis extends AnalysisMetadata {
  sql: string;
}
