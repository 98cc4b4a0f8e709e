import type { JsonValue } from '../contracts/common';
import type { ChartOptions } from './options';
import { palettes } from './theme';

export const num = (value: JsonValue | undefined): number | null => {
  if (value === null || value === undefined || value === '') return null;
  const n = typeof value === 'number' ? value : Number(value);
  return Number.isFinite(n) ? n : null;
};

export const text = (value: JsonValue | undefined): string => (value === null || value === undefined ? '' : String(value));

/** The chosen palette, with the analyst's own first colour if they picked one. */
export function coloursFor(options: ChartOptions): string[] {
  const base: string[] = [...palettes[options.palette]];
  if (options.colour) base[0] = options.colour;
  return base;
}

/** Rows in the order the analyst chose: as the analysis returned them, or by the value drawn. */
export function sortRows(rows: Record<string, JsonValue>[], by: string | undefined, sort: ChartOptions['sort']): Record<string, JsonValue>[] {
  if (sort === 'data' || !by) return rows;
  const sign = sort === 'ascending' ? 1 : -1;
  return [...rows].sort((a, b) => sign * ((num(a[by]) ?? -Infinity) - (num(b[by]) ?? -Infinity)));
}

/**
 * Horizontal bars list categories top to bottom in reading order; plotly draws the first category at the bottom, so
 * the category axis is reversed.
 */
export const categoryAxis = (count: number) => ({ autorange: 'reversed', type: 'category', automargin: true, tickfont: { size: count > 20 ? 11 : 13 } });

/** Height that gives each horizontal bar room for its label. */
export const heightFor = (categories: number) => Math.max(620, 220 + categories * 26);

/** A reference line across the value axis (x for horizontal bars), labelled. */
export function referenceLine(value: number, label: string, axis: 'x' | 'y' = 'x', dash = 'dash') {
  const line = { type: 'line', line: { color: '#333333', width: 1.5, dash } };
  const shape = axis === 'x' ? { ...line, x0: value, x1: value, xref: 'x', y0: 0, y1: 1, yref: 'paper' } : { ...line, y0: value, y1: value, yref: 'y', x0: 0, x1: 1, xref: 'paper' };
  const annotation =
    axis === 'x'
      ? { x: value, xref: 'x', y: 1, yref: 'paper', yanchor: 'bottom', text: label, showarrow: false, font: { size: 11 } }
      : { y: value, yref: 'y', x: 1, xref: 'paper', xanchor: 'right', yanchor: 'bottom', text: label, showarrow: false, font: { size: 11 } };
  return { shape, annotation };
}

/**
 * Categories whose value suppression hid, marked "[c]" at the axis, so a missing bar reads as hidden rather than as
 * zero or forgotten. Null when nothing was hidden.
 */
export function hiddenMarkers(categories: string[], values: (number | null)[]): Record<string, unknown> | null {
  const hidden = categories.filter((_, i) => values[i] === null);
  if (hidden.length === 0) return null;
  return {
    type: 'scatter',
    mode: 'text',
    name: '[c] hidden: small numbers',
    x: hidden.map(() => 0),
    y: hidden,
    text: hidden.map(() => '[c]'),
    textposition: 'middle right',
    textfont: { size: 12, color: '#555555' },
    hoverinfo: 'skip',
    showlegend: true,
  };
}

/** Categories with no figure because there is no data to compute it (not suppression), marked "–" at the axis. */
export function noDataMarkers(categories: string[]): Record<string, unknown> | null {
  if (categories.length === 0) return null;
  return {
    type: 'scatter',
    mode: 'text',
    name: '– no data (not suppression)',
    x: categories.map(() => 0),
    y: categories,
    text: categories.map(() => '–'),
    textposition: 'middle right',
    textfont: { size: 12, color: '#555555' },
    hoverinfo: 'skip',
    showlegend: true,
  };
}
