import { z } from 'zod';
import { analysisMetadata, chartTypes } from '../analyses/schema';
import { jsonValue } from './common';

const resultId = z.string().regex(/^r_[0-9]{1,9}$/, 'must be a result id like r_1');

/** Small-number suppression for an export: counts from 1 to threshold − 1 are hidden; 0 or 1 turns it off. */
export const suppressionInput = z.object({ threshold: z.number().int().min(0).max(100) }).strict().default({ threshold: 5 });

/** Where an export's numbers came from: stated in the footer of every export. */
export const provenance = z.object({
  workspace: z.string(),
  analysis: z.object({ id: z.string(), title: z.string(), source: z.enum(['library', 'user']) }).nullable(),
  parameters: z.record(z.string(), z.union([z.string(), z.number()])),
  method: z.string(),
  /** The result's warnings (the data not covering the period…) and notes (the confidence level…), shown with it. */
  warnings: z.array(z.string()).optional(),
  notes: z.array(z.string()).optional(),
  sources: z.array(z.object({ dataset: z.string(), file: z.string(), imported_at: z.string(), sha256: z.string(), rows: z.number().int() })),
  app_version: z.string(),
  duckdb_version: z.string(),
  exported_at: z.string(),
});
export type Provenance = z.infer<typeof provenance>;

/** A chart as the analyst edited it (shared/charts/options.ts), saved in the workspace for its analysis. */
export const chartOptions = z
  .object({
    type: z.enum(chartTypes),
    title: z.string().max(200),
    subtitle: z.string().max(300),
    xLabel: z.string().max(200),
    yLabel: z.string().max(200),
    sort: z.enum(['data', 'descending', 'ascending']),
    palette: z.enum(['board', 'greyscale']),
    colour: z.string().regex(/^#[0-9A-Fa-f]{6}$/, 'must be a colour like #0072B2').optional(),
    filterValue: z.union([z.string().max(300), z.null()]).optional(),
    xMeasure: z.string().max(300).optional(),
    yMeasure: z.string().max(300).optional(),
  })
  .strict();

const file = z.object({ fileName: z.string(), mimeType: z.string(), base64: z.string() });

const chartChoice = z
  .object({
    filterValue: z.union([z.string().max(300), z.null()]).optional(),
    xMeasure: z.string().max(300).optional(),
    yMeasure: z.string().max(300).optional(),
  })
  .strict();

/** A pack chart's notes, one line each (shared/charts/figure.ts): plain text, bounded like the rest of the request. */
const chartNotes = z.array(z.string().max(2000)).max(20);

export const exportsContract = {
  /**
   * A result ready to chart or export: its rows with small numbers suppressed, which cells were hidden and why, the
   * analysis's metadata, the period and the provenance, and the boundaries of the areas it names (for a choropleth).
   */
  'exports.prepare': {
    input: z.object({ resultId, suppression: suppressionInput }).strict(),
    output: z.object({
      analysis: analysisMetadata.nullable(),
      title: z.string(),
      area: z.string(),
      comparator: z.string(),
      period: z.string(),
      rows: z.array(z.record(z.string(), jsonValue)),
      hidden: z.array(z.object({ row: z.number().int(), column: z.string(), reason: z.enum(['small', 'secondary']) })),
      statement: z.string(),
      source: z.string(),
      provenance,
      boundaries: z.record(z.string(), z.object({ name: z.string(), geometry: jsonValue })),
      truncated: z.boolean(),
      /** The chart the analyst saved for this analysis, if any; the app and board packs start from it. */
      savedChart: chartOptions.nullable(),
    }),
  },
  /** Saves (or, with null, forgets) an analysis's chart settings in the workspace. */
  'charts.save': {
    input: z.object({ analysisId: z.string().regex(/^[a-z][a-z0-9-]{0,63}$/, 'must be an analysis id such as crime-rates'), options: chartOptions.nullable() }).strict(),
    output: z.object({ saved: z.boolean() }),
  },
  /** A result as a CSV (UTF-8 with BOM) or XLSX file, suppressed, with its provenance and method. */
  'exports.table': {
    input: z
      .object({
        resultId,
        /** JSON (for the command line): the rows as objects, a hidden value as the mark the table shows. */
        format: z.enum(['csv', 'xlsx', 'json']),
        suppression: suppressionInput,
        /** Unsuppressed, for an internal pipeline: the file and its audit entry say RAW. */
        raw: z.boolean().default(false),
        /** Where the caller (the command line) writes the file, for the audit log. */
        target: z.string().min(1).max(4096).optional(),
      })
      .strict(),
    output: file.extend({ rows: z.number().int().nonnegative() }),
  },
  /**
   * A result with no count columns (an analyst's own query or analysis: nothing to suppress) written whole to a file,
   * streamed from DuckDB with no row cap, and audited as an export with where it went. A result that declares counts
   * is refused: it leaves only through exports.table. It writes a file the caller names, so it is a local channel.
   */
  'exports.write': {
    input: z.object({ resultId, format: z.enum(['csv', 'xlsx', 'json']), target: z.string().min(1).max(4096) }).strict(),
    output: z.object({ file: z.string(), rows: z.number().int().nonnegative() }),
  },
  /**
   * A Word board pack: a title page, one section per result (key points, chart, table, method and source), and a
   * methods and sources appendix. Charts arrive as PNGs drawn by the renderer (the engine has no browser).
   */
  'exports.boardPack': {
    input: z
      .object({
        title: z.string().min(1).max(200),
        sections: z
          .array(
            z
              .object({
                resultId,
                // A print-resolution chart is a few hundred kilobytes; the cap keeps one request bounded.
                chartPng: z.string().max(8_000_000).regex(/^[A-Za-z0-9+/=]*$/, 'must be base64 PNG data').optional(),
                chart: chartChoice.optional(),
                /** The chart's notes (a total not drawn, the ward mean), printed under it as text: Figure.notes. */
                chartNotes: chartNotes.optional(),
                /** Further charts of the same result: the offenders' half of a victim–offender profile. */
                moreCharts: z
                  .array(z.object({ chartPng: z.string().max(8_000_000).regex(/^[A-Za-z0-9+/=]*$/, 'must be base64 PNG data'), chart: chartChoice.optional(), chartNotes: chartNotes.optional() }).strict())
                  .max(3)
                  .optional(),
              })
              .strict(),
          )
          .min(1)
          .max(40),
        suppression: suppressionInput,
        /** The protective marking in every page's header; OFFICIAL when not given. */
        marking: z.string().trim().min(1).max(60).regex(/^[^\n\r]*$/, 'must be one line').optional(),
      })
      .strict(),
    output: file.extend({ sections: z.number().int() }),
  },
} as const;
