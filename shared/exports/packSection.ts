import type { AnalysisMetadata } from '../analyses/schema';
import { parametersTaken } from '../analyses/parametersTaken';
import type { Input, Output, RendererChannel } from '../api';
import { buildFigure } from '../charts/figure';
import { chartContext, initialOptions } from '../charts/fromPrepared';
import type { Figure } from '../charts/types';
import { ok, type Result } from '../result';
import { otherHalves } from './packCharts';

type Prepared = Output<'exports.prepare'>;
type Section = Input<'exports.boardPack'>['sections'][number];
/** Which slice of the result a pack's chart draws, as the pack's text names it. */
export type ChartChoice = NonNullable<Section['chart']>;

/** A contract channel called through whichever transport the caller has: the app's Api, or the engine's invoke. */
/** Only channels the renderer may call: the app's dialog and the CLI take the same steps. */
export type Invoke = <C extends RendererChannel>(channel: C, input: Input<C>) => Promise<Result<Output<C>>>;

/**
 * The figures a board pack prints for one prepared result, each with the slice it draws: the analysis's chart as the
 * analyst saved it (or its default), drawn for the page, then the other half of a victim–offender profile.
 */
export function packFigures(analysis: AnalysisMetadata, prepared: Prepared): { figure: Figure; chart: ChartChoice }[] {
  const options = initialOptions(analysis, prepared);
  const context = { ...chartContext(prepared), print: true };
  const main = { figure: buildFigure(analysis, prepared.rows, options, context), chart: { filterValue: options.filterValue, xMeasure: options.xMeasure, yMeasure: options.yMeasure } };
  const halves = otherHalves(analysis, prepared.rows, options.filterValue).map((half) => ({
    figure: buildFigure(analysis, prepared.rows, { ...options, filterValue: half }, context),
    chart: { filterValue: half },
  }));
  return [main, ...halves];
}

/** A figure's notes for the pack's text under it, when it has any. */
const notesOf = (figure: Figure) => (figure.notes?.length ? { chartNotes: figure.notes } : {});

export interface PackSectionSteps {
  invoke: Invoke;
  /** A fresh operation id for the run (the caller has the crypto: shared code has neither the DOM's nor Node's). */
  operationId: () => string;
  suppression: { threshold: number };
  /**
   * Draws a figure as a base64 PNG at print resolution: the app's chart code, in the app's page or the command line's
   * headless one. Without it the section has no chart, and nothing is prepared for one.
   */
  drawPng?: (figure: Figure) => Promise<string>;
  /** Told as each step starts, for progress. */
  onStep?: (step: 'running' | 'drawing') => void;
}

export interface PackSection {
  /** What exports.boardPack takes for this analysis. */
  section: Section;
  ran: Output<'analyses.run'>;
  /** The prepared result the charts were drawn from (for the app's preview); absent without charts. */
  prepared?: Prepared;
}

/**
 * One analysis's board-pack section, the same in the app and on the command line: run with the values it takes,
 * prepare (suppressed at the pack's threshold), build its figures and draw each as a PNG. The first failing step's
 * error is returned as it came, for the caller to present.
 */
export async function packSection(steps: PackSectionSteps, analysis: AnalysisMetadata, values: Readonly<Record<string, string | number>>): Promise<Result<PackSection>> {
  steps.onStep?.('running');
  const ran = await steps.invoke('analyses.run', { id: analysis.id, params: parametersTaken(analysis, values), operationId: steps.operationId() });
  if (!ran.ok) return ran;
  const resultId = ran.value.resultId;
  if (!steps.drawPng) return ok({ section: { resultId }, ran: ran.value });
  const prepared = await steps.invoke('exports.prepare', { resultId, suppression: steps.suppression });
  if (!prepared.ok) return prepared;
  steps.onStep?.('drawing');
  const [main, ...halves] = packFigures(analysis, prepared.value);
  const chartPng = await steps.drawPng(main.figure);
  // A profile's chart draws one half; the pack shows the other half as a second figure.
  const moreCharts = [];
  for (const half of halves) moreCharts.push({ chartPng: await steps.drawPng(half.figure), chart: half.chart, ...notesOf(half.figure) });
  return ok({ section: { resultId, chartPng, chart: main.chart, ...notesOf(main.figure), ...(moreCharts.length ? { moreCharts } : {}) }, ran: ran.value, prepared: prepared.value });
}
