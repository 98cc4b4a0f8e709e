import type { ChartContext } from './options';
import { chartSize } from './theme';

/** A board pack chart's width in CSS pixels: the text block's width on A4 (6.27 in, 451 pt). */
export const printWidth = 680;
export const screenSize = { minWidth: 560, maxWidth: 1800 };

/**
 * A chart's width on screen: the panel's, so labels keep their size at 1024 px and the chart uses a wide screen;
 * never narrower than a readable minimum (the frame scrolls instead) nor so wide that bars stretch across 27 inches.
 */
export function screenChartWidth(panelWidth: number): number {
  return Math.round(Math.min(screenSize.maxWidth, Math.max(screenSize.minWidth, panelWidth)));
}

/** The width a figure is drawn at: the pack's page, the app's panel, or the export size. */
export function chartWidth(context: Pick<ChartContext, 'print' | 'screenWidth'>): number {
  if (context.print) return printWidth;
  return context.screenWidth ? screenChartWidth(context.screenWidth) : chartSize.width;
}
