/**
 * The board-paper theme. The palette is Okabe and Ito's, chosen to stay distinct under the common colour-vision
 * deficiencies; every coloured meaning also appears in words (legend, labels), so colour is never the only signal.
 * The font is Source Sans 3 (bundled with the app, SIL OFL): open, clear at small sizes, with a distinct I, l and 1
 * and a plain zero. Atkinson Hyperlegible, used before, has only a slashed zero, which in titles and periods read as
 * "2Ø18" (tests/e2e/chartLayout.test.ts).
 */
export const chartFont = "'Source Sans 3', Arial, sans-serif";
export const fontFamilyName = 'Source Sans 3';

export const palettes = {
  board: ['#0072B2', '#E69F00', '#009E73', '#CC79A7', '#56B4E9', '#D55E00', '#999933', '#000000'],
  /**
   * For black-and-white printing: greys far apart in lightness, neighbours most of all (a second series is never
   * next to a similar grey); charts with many parts add fill patterns.
   */
  greyscale: ['#1A1A1A', '#9E9E9E', '#5C5C5C', '#D6D6D6', '#7D7D7D', '#3B3B3B', '#BDBDBD', '#000000'],
} as const;
export type PaletteName = keyof typeof palettes;

/** The assessment's key, in colour-blind-safe colours: worse than the comparator warm, better cool, similar grey. */
export const keyColours: Record<string, string> = {
  Higher: '#D55E00',
  Lower: '#0072B2',
  Similar: '#A0A0A0',
  'Significantly above average': '#D55E00',
  'Above average': '#E69F00',
};
export const unflaggedColour = '#56B4E9';

/** Light to dark for low to high values (viridis stops: readable in greyscale and by colour-blind readers). */
export const sequential = ['#FDE725', '#5EC962', '#21918C', '#3B528B', '#440154'];

export const ink = '#1A1A1A';
export const mutedInk = '#555555';
export const gridColour = '#E3E3E3';

/** Size of a chart as drawn and exported, in CSS pixels; PNG exports multiply it for print resolution. */
export const chartSize = { width: 1000, height: 620 };
/** PNG scale for print: 3 × 1000 px ≈ 300 dpi across a 10-inch page width. */
export const printScale = 3;
