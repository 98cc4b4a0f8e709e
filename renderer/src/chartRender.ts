import '@fontsource/source-sans-3/400.css';
import '@fontsource/source-sans-3/700.css';
import type { Output } from '../../shared/api';
import type { AnalysisMetadata } from '../../shared/analyses/schema';
import { buildFigure } from '../../shared/charts/figure';
import { blobToBase64, figurePng } from './features/charts/chartImage';
import { chartContext, initialOptions } from './features/charts/ChartPanel';

/**
 * The chart renderer the command line drives in headless Chromium for board packs: the same figure, theme and PNG
 * drawing as the app, so a pack from the CLI matches one built in the app. It only draws; the engine writes the pack.
 */
async function renderChart(analysis: AnalysisMetadata, prepared: Output<'exports.prepare'>, scale: number, filterValue?: string | null) {
  const options = { ...initialOptions(analysis, prepared), ...(filterValue === undefined ? {} : { filterValue }) };
  const figure = buildFigure(analysis, prepared.rows, options, { ...chartContext(prepared), print: true });
  return { png: await blobToBase64(await figurePng(figure, scale)), chart: { filterValue: options.filterValue, xMeasure: options.xMeasure, yMeasure: options.yMeasure } };
}

Object.assign(window, { cswRenderChart: renderChart, cswReady: true });
