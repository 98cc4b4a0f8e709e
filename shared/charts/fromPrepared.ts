import type { AnalysisMetadata } from '../analyses/schema';
import type { Output } from '../api';
import { dateTime } from '../format/dates';
import { chartTypeChoices, defaultChartOptions, type ChartOptions } from './options';
import { defaultMeasures } from './scatter';

type Prepared = Output<'exports.prepare'>;

/**
 * The chart context an analysis's prepared result gives: area, period, source, suppression, and the analysis with its
 * parameters, the software version and the export time, all written on the chart. Pure, so the app's chart panel,
 * its board pack and the command line's pack build the same figure from the same result.
 */
export function chartContext(prepared: Prepared, exportedAt = prepared.provenance.exported_at) {
  const { provenance } = prepared;
  const parameters = Object.entries(provenance.parameters).map(([k, v]) => `${k} ${v}`).join(', ');
  return {
    area: prepared.area,
    comparator: prepared.comparator,
    period: prepared.period,
    source: prepared.source,
    suppression: prepared.hidden.length ? prepared.statement : undefined,
    // The export time on a line of its own, so it is never split from its date however long the parameters are.
    analysis: `Analysis ${provenance.analysis?.id ?? '(own query)'}${parameters ? `: ${parameters}` : ''}.
Exported ${dateTime(exportedAt)}.`,
    boundaries: prepared.boundaries as Record<string, { name: string; geometry: unknown }>,
  };
}

/** The prepared result with the values it was run with, for the labels that name one. */
const withRun = (prepared: Prepared) => ({ ...prepared, parameters: prepared.provenance.parameters });

/**
 * The chart to start from: the one saved for this analysis in the workspace (its title and labels as the analyst
 * left them, the subtitle refreshed for this area and period), or the metadata's default, with the scatter's measures
 * chosen from the data.
 */
export function initialOptions(analysis: AnalysisMetadata, prepared: Prepared): ChartOptions {
  const saved = prepared.savedChart;
  if (saved && chartTypeChoices(analysis).includes(saved.type)) return { ...saved, subtitle: defaultChartOptions(analysis, prepared).subtitle };
  return defaultOptions(analysis, prepared);
}

/** The metadata's default chart for this result (what *Default chart* restores), the scatter's measures from the data. */
export function defaultOptions(analysis: AnalysisMetadata, prepared: Prepared): ChartOptions {
  const options = defaultChartOptions(analysis, withRun(prepared));
  if (analysis.chart.type !== 'scatter') return options;
  const chosen = defaultMeasures(prepared.rows, analysis.chart);
  return { ...options, ...chosen, xLabel: chosen.xMeasure, yLabel: chosen.yMeasure };
}
