import type { JsonValue } from '../contracts/common';
import { text } from './common';
import type { ChartOptions } from './options';
import { keyColours, unflaggedColour } from './theme';

/**
 * The ward flags, in the order the legend reads, and their colours: one mapping for the ward ranking and the ward
 * map, taken from the assessment's key (theme.ts keyColours, equal to the design tokens), so a ward is the same
 * colour in the bars, on the map and in the table.
 */
export const wardFlags = ['Significantly above average', 'Above average', 'Not flagged'] as const;

/** A row's flag in the chart's colour column; no flag reads "Not flagged". */
export const flagOf = (row: Record<string, JsonValue>, column: string | undefined): string => (column ? text(row[column]) : '') || 'Not flagged';

/** The flag's colour; the analyst's own main colour, if chosen, stands in for "Not flagged". */
export const flagColour = (flag: string, options: Pick<ChartOptions, 'colour'>): string =>
  flag === 'Not flagged' ? (options.colour ?? unflaggedColour) : (keyColours[flag] ?? unflaggedColour);
