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
});

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
    chart: z.object({ type: z.enum(['interval-bars', 'ward-ranking', 'trend', 'stacked', 'pyramid', 'scatter', 'choropleth', 'table']), x: z.string().optional(), y: z.string().optional() }),
    method: z.string(),
  })
  .strict();
export type AnalysisMetadata = z.infer<typeof analysisMetadata>;

export interface Analysis extends AnalysisMetadata {
  sql: string;
}
