import type { AnalysisMetadata, ChartType } from '../analyses/schema';
import type { JsonValue } from '../contracts/common';
import { withParameters } from '../format/labels';
import type { PaletteName } from './theme';

/** What the analyst can change about a chart; the defaults come from the analysis's metadata. */
export interface ChartOptions {
  type: ChartType;
  title: string;
  subtitle: string;
  xLabel: string;
  yLabel: string;
  sort: 'data' | 'descending' | 'ascending';
  palette: PaletteName;
  /** Overrides the palette's first colour (single-series bars and lines). */
  colour?: string;
  /** The value of the metadata's filter column to draw (the offence group, the role); null draws the null rows. */
  filterValue?: string | null;
  /** Scatter: the measures on each axis. */
  xMeasure?: string;
  yMeasure?: string;
}

/** Where the figures came from and for what, written on the chart itself. */
export interface ChartContext {
  area: string;
  comparator: string;
  /** "1 April 2018 to 31 March 2019". */
  period: string;
  /** "Source: …" line: datasets and files. */
  source: string;
  /** "Analysis crime-rates: area Lichfield, from …; Community Safety Workbench 0.1.0, exported 2026-11-21 18:40 UTC." */
  analysis?: string;
  /** The suppression statement, when anything was hidden. */
  suppression?: string;
  /** Ward (or other area) boundaries by code, as GeoJSON geometries, for the choropleth. */
  boundaries?: Record<string, { name: string; geometry: unknown }>;
  /**
   * Drawn for a board pack's page: the text block's width, no type under 9 pt when printed, and the provenance left
   * to the pack's own text beneath the table rather than repeated on the chart.
   */
  print?: boolean;
  /**
   * Drawn on the app's screen: at the panel's width in CSS pixels (so type stays its size rather than being scaled
   * down with a fixed-width image), with the provenance (source, method, suppression, analysis) left to the panel's
   * folded block under the chart. Exports leave this out and carry the provenance on the chart.
   */
  screenWidth?: number;
}

export type Metadata = Pick<AnalysisMetadata, 'id' | 'title' | 'columns' | 'chart' | 'method'>;

const label = (metadata: Metadata, column: string | undefined): string => metadata.columns.find((c) => c.name === column)?.label ?? column ?? '';

/** `parameters`: the values the result was run with, for labels that name one (`{flag}`, shared/format/labels.ts). */
export function defaultChartOptions(metadata: Metadata, context: Pick<ChartContext, 'area' | 'comparator' | 'period'> & { parameters?: Record<string, unknown> }): ChartOptions {
  const { chart } = metadata;
  const where = [context.area, context.comparator && chart.comparator ? `compared with ${context.comparator}` : ''].filter(Boolean).join(' ');
  return {
    type: chart.type,
    title: metadata.title,
    subtitle: [where, context.period].filter(Boolean).join(', '),
    xLabel: withParameters(chart.x_label ?? label(metadata, chart.x), context.parameters),
    yLabel: withParameters(chart.y_label ?? label(metadata, chart.y), context.parameters),
    sort: chart.type === 'ward-ranking' ? 'descending' : 'data',
    palette: 'board',
    filterValue: chart.filter?.value,
  };
}

/** The types an analysis's data can be drawn as: its own, its alternatives, and always a table. */
export const chartTypeChoices = (metadata: Metadata): ChartType[] => [...new Set([metadata.chart.type, ...(metadata.chart.alternatives ?? []), 'table' as const])];

/** The values the filter column takes in the result, in order of first appearance; null as null. */
export function filterChoices(metadata: Metadata, rows: Record<string, JsonValue>[]): (string | null)[] {
  const column = metadata.chart.filter?.column;
  if (!column) return [];
  return [...new Set(rows.map((r) => (r[column] === null || r[column] === '' ? null : String(r[column]))))];
}

/** Rows the chart draws: those matching the chosen filter value. */
export function filteredRows(metadata: Metadata, rows: Record<string, JsonValue>[], options: Pick<ChartOptions, 'filterValue'>): Record<string, JsonValue>[] {
  const column = metadata.chart.filter?.column;
  if (!column || options.filterValue === undefined) return rows;
  return rows.filter((r) => (options.filterValue === null ? r[column] === null || r[column] === '' : String(r[column]) === options.filterValue));
}

export const columnLabel = label;
