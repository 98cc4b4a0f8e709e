import type { JsonValue } from '../contracts/common';
import { barsTraces, intervalBarTraces } from './bars';
import { ratioIntervalTraces, xmrTraces } from './change';
import { choroplethTraces } from './choropleth';
import { funnelTraces } from './funnel';
import { matrixTraces } from './matrix';
import { filteredRows, type ChartContext, type ChartOptions, type Metadata } from './options';
import { pyramidTraces, stackedTraces } from './breakdowns';
import { scatterTraces } from './scatter';
import { spineTraces } from './spine';
import { chartWidth, printWidth } from './size';
import { placeMapLabels } from './mapLabels';
import { tableTraces } from './table';
import { chartFont, chartSize, gridColour, ink, mutedInk } from './theme';
import { trendTraces } from './trend';
import type { Builder, Figure, Trace } from './types';
import { wardRankingTraces } from './wards';

// The types moved to types.ts (builders import them from there); named here too for code that reads them with the figure.
export type { Builder, Drawn, Figure, Trace } from './types';

const builders: Record<ChartOptions['type'], Builder> = {
  'interval-bars': intervalBarTraces,
  bars: barsTraces,
  'ward-ranking': wardRankingTraces,
  trend: trendTraces,
  stacked: stackedTraces,
  pyramid: pyramidTraces,
  scatter: scatterTraces,
  choropleth: choroplethTraces,
  table: tableTraces,
  'ratio-intervals': ratioIntervalTraces,
  xmr: xmrTraces,
  funnel: funnelTraces,
  spine: spineTraces,
  matrix: matrixTraces,
};

/** Breaks a note into lines of about `width` characters at spaces: plotly does not wrap text. */
export function wrap(text: string, width = 120): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/)) {
    if (line && line.length + word.length + 1 > width) {
      lines.push(line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  if (line) lines.push(line);
  return lines;
}

/** "Not drawn: Total Recorded Crime, 58.8 (Staffordshire 76.1)." */
function totalNote(metadata: Metadata, row: Record<string, JsonValue>, context: ChartContext): string {
  const { x, y, comparator } = metadata.chart;
  const value = (v: JsonValue) => (typeof v === 'number' ? v.toFixed(1) : v === null ? 'hidden' : String(v));
  return `Not drawn, to keep the scale readable: ${String(row[x!])}, ${value(row[y!])}${comparator ? ` (${context.comparator || 'comparator'} ${value(row[comparator])})` : ''}.`;
}

/** The subtitle, led by the rows drawn when the chart shows one slice of the result ("Total recorded crime: …"). */
function subtitleFor(metadata: Metadata, options: ChartOptions): string {
  const slice = metadata.chart.filter && options.filterValue ? options.filterValue : '';
  return slice ? `${slice.charAt(0).toUpperCase()}${slice.slice(1)}: ${options.subtitle}` : options.subtitle;
}

const escapeText = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/**
 * A plotly figure for an analysis result, in the board-paper theme: title, subtitle with area and period, and the
 * source, method and suppression notes on the chart itself, so a chart copied into a paper carries its provenance.
 * Rows arrive already suppressed; hidden values are null and simply not drawn.
 */
export function buildFigure(metadata: Metadata, rows: Record<string, JsonValue>[], options: ChartOptions, context: ChartContext): Figure {
  const shown = filteredRows(metadata, rows, options);
  // A total drawn beside its parts squeezes them against the axis; it is stated in the note instead.
  const excluded = new Set(options.type === 'table' || options.type === 'choropleth' ? [] : (metadata.chart.exclude ?? []));
  const x = metadata.chart.x;
  const drawn = builders[options.type](metadata, x ? shown.filter((r) => !excluded.has(String(r[x]))) : shown, options, context);
  const totals = x ? shown.filter((r) => excluded.has(String(r[x]))).map((r) => totalNote(metadata, r, context)) : [];
  const print = context.print === true;
  const width = chartWidth(context);
  // On paper and on screen the provenance is elsewhere (the pack's text, the panel's folded block); an exported
  // image carries it, so a chart copied into a paper keeps it.
  const provenance = print || context.screenWidth ? [] : provenanceNotes(metadata, context);
  const [source, method, ...after] = provenance;
  const notes = provenance.length ? [...totals, source, method, ...(drawn.notes ?? []), ...after] : [...totals, ...(drawn.notes ?? [])];
  // About 8.3 px a character of 11 px type: 120 characters across a 1000 px chart.
  // A note may hold several lines of its own (the coverage warnings, one to a line).
  // On the page the notes are the pack's text under the figure (Figure.notes), not part of the image.
  const noteLines = print ? [] : notes.flatMap((n) => n.split('\n').flatMap((part) => wrap(part, Math.round((width * 120) / chartSize.width))));
  // For the page, bars are packed a little closer (about 21 px a category for 14 px type), so a section's heading,
  // key points, chart and table more often share a page.
  const drawnHeight = Math.max(chartSize.height, Number(drawn.layout?.height ?? 0));
  const height = print ? Math.max(printSize.minHeight, Math.round(drawnHeight * 0.8)) : drawnHeight;
  const bottom = 70 + noteLines.length * 15;
  // Title, subtitle and a legend line above the plot.
  const top = Number((drawn.layout?.margin as { t?: number } | undefined)?.t ?? 128);
  const plotHeight = height - top - bottom;
  const layout: Record<string, unknown> = {
    width,
    height,
    font: { family: chartFont, size: 13, color: ink },
    paper_bgcolor: '#FFFFFF',
    plot_bgcolor: '#FFFFFF',
    margin: { t: top, b: bottom, l: 80, r: 40, pad: 4 },
    title: {
      text: `<b>${escapeText(options.title)}</b>`,
      x: 0.02,
      xref: 'container',
      xanchor: 'left',
      y: 1 - 14 / height,
      yref: 'container',
      yanchor: 'top',
      font: { size: 20 },
      // An empty subtitle would leave a blank line under the title.
      ...(subtitleFor(metadata, options).trim() ? { subtitle: { text: escapeText(subtitleFor(metadata, options)), font: { size: 14, color: mutedInk } } } : {}),
    },
    legend: { orientation: 'h', x: 0, xanchor: 'left', y: 1.01, yanchor: 'bottom', font: { size: 12 } },
    xaxis: { title: { text: escapeText(options.xLabel) }, gridcolor: gridColour, zerolinecolor: '#9A9A9A', automargin: true },
    yaxis: { title: { text: escapeText(options.yLabel) }, gridcolor: gridColour, zerolinecolor: '#9A9A9A', automargin: true },
    hoverlabel: { font: { family: chartFont } },
    ...drawn.layout,
    annotations: [
      ...((drawn.layout?.annotations as unknown[]) ?? []),
      ...(noteLines.length === 0 ? [] : [{
        text: noteLines.map(escapeText).join('<br>'),
        xref: 'paper',
        yref: 'paper',
        x: 0,
        xanchor: 'left',
        // Just above the figure's bottom edge, whatever the axes needed.
        y: -(bottom - 8) / plotHeight,
        yanchor: 'bottom',
        align: 'left',
        showarrow: false,
        font: { size: 11, color: mutedInk },
      }]),
    ],
  };
  // A builder may ask for more room above the plot (a legend of many parts) without losing the notes' room below.
  layout.margin = { t: top, b: bottom, l: 80, r: 40, pad: 4, ...((drawn.layout?.margin as Record<string, number> | undefined) ?? {}) };
  layout.height = Math.round(height);
  if (drawn.mapLabels) {
    const m = layout.margin as { t: number; b: number; l: number; r: number };
    const labels = placeMapLabels(drawn.mapLabels, { width: width - m.l - m.r, height: Math.round(height) - m.t - m.b }, print ? printSize.minFont : 12);
    layout.annotations = [...(layout.annotations as unknown[]), ...labels];
  }
  const figure = { data: drawn.data, layout };
  return print ? { ...atLeast(figure, printSize.minFont), ...(notes.length ? { notes } : {}) } : figure;
}

/**
 * The provenance lines an exported chart carries under its plot: source, method (its first sentence), the suppression
 * statement when anything was hidden, and the analysis with its parameters and export time.
 */
export function provenanceNotes(metadata: Metadata, context: ChartContext): string[] {
  const method = metadata.method.split(/(?<=\.)\s/)[0];
  return [context.source, `Method: ${method}`, ...(context.suppression ? [context.suppression] : []), ...(context.analysis ? [context.analysis] : [])];
}


/**
 * A pack chart's size in CSS pixels: it is placed at the text block's width on A4 (6.27 in, 451 pt), so a pixel
 * prints at 0.66 pt and 14 px type prints at 9.3 pt.
 */
export const printSize = { width: printWidth, minFont: 14, minHeight: 480, /** PNG scale: 2040 px across 6.27 in, 325 dpi. */ scale: 3 };

/** The figure with every font (titles, ticks, legends, labels, notes) raised to at least `size` pixels. */
function atLeast(figure: Figure, size: number): Figure {
  const raise = (value: unknown, inFont: boolean): unknown => {
    if (Array.isArray(value)) return value.map((v) => raise(v, false));
    if (!value || typeof value !== 'object') return value;
    const out: Record<string, unknown> = {};
    for (const [key, v] of Object.entries(value)) {
      if ((inFont && key === 'size' && typeof v === 'number') || (key === 'minsize' && typeof v === 'number')) out[key] = Math.max(v, size);
      else out[key] = raise(v, /font$/i.test(key));
    }
    return out;
  };
  const layout = raise(figure.layout, false) as Record<string, unknown>;
  // Text without a font of its own takes the figure's base font, which is raised too.
  const font = (layout.font as Record<string, unknown> | undefined) ?? {};
  layout.font = { ...font, size: Math.max(Number(font.size ?? 0), size) };
  return { data: raise(figure.data, false) as Trace[], layout };
}
