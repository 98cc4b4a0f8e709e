import type { JsonValue } from '../contracts/common';
import type { MapLabels } from './mapLabels';
import type { ChartContext, ChartOptions, Metadata } from './options';

/**
 * The shapes every chart builder and every drawer share. They live apart from figure.ts, which imports each builder,
 * so a builder names its own type without importing the module that imports it.
 */
export type Trace = Record<string, unknown>;

/** A plotly figure: what the app, the board pack and the command line's chart page draw. */
export interface Figure {
  data: Trace[];
  layout: Record<string, unknown>;
  /**
   * A figure for the page: its notes (a total not drawn, r, the ward mean), printed as text under the figure in the pack
   * rather than drawn in the image, where a plot pushed right by long labels left them too little room.
   */
  notes?: string[];
}

/** What a builder returns: traces plus any layout it needs (axes, shapes, height). */
export interface Drawn {
  data: Trace[];
  layout?: Record<string, unknown>;
  /** Extra lines for the note under the chart (r, the ward mean). */
  notes?: string[];
  /** A map's ward names, placed by the figure once the plot's size in pixels is known. */
  mapLabels?: MapLabels;
}

export type Builder = (metadata: Metadata, rows: Record<string, JsonValue>[], options: ChartOptions, context: ChartContext) => Drawn;
