import type { JsonValue } from '../contracts/common';
import { coloursFor, num, text } from './common';
import type { Builder } from './types';

/** Least-squares line and Pearson's r for paired values. */
export function fit(points: { x: number; y: number }[]): { slope: number; intercept: number; r: number } | null {
  const n = points.length;
  if (n < 3) return null;
  const mx = points.reduce((s, p) => s + p.x, 0) / n;
  const my = points.reduce((s, p) => s + p.y, 0) / n;
  let sxx = 0;
  let syy = 0;
  let sxy = 0;
  for (const p of points) {
    sxx += (p.x - mx) ** 2;
    syy += (p.y - my) ** 2;
    sxy += (p.x - mx) * (p.y - my);
  }
  if (sxx === 0 || syy === 0) return null;
  const slope = sxy / sxx;
  return { slope, intercept: my - slope * mx, r: sxy / Math.sqrt(sxx * syy) };
}

/** The measures in a long result (ward, measure, value), in order of appearance. */
export const measuresOf = (rows: Record<string, JsonValue>[], column: string): string[] => [...new Set(rows.map((r) => text(r[column])))];

/** Points for two measures, paired by label (ward). */
export function pairs(rows: Record<string, JsonValue>[], spec: { x?: string; y?: string; label?: string }, xMeasure: string, yMeasure: string) {
  const values = (measure: string) => new Map(rows.filter((r) => text(r[spec.x!]) === measure).map((r) => [text(r[spec.label!]), num(r[spec.y!])]));
  const xs = values(xMeasure);
  const ys = values(yMeasure);
  return [...xs].flatMap(([label, x]) => (x !== null && ys.get(label) != null ? [{ label, x, y: ys.get(label)! }] : []));
}

/**
 * The default pair: crime across, and up the SPI measure most strongly correlated with it (any measure when the
 * result has no SPI scores). Pairs too small or too flat to fit a line are never the default.
 */
export function defaultMeasures(rows: Record<string, JsonValue>[], spec: { x?: string; y?: string; label?: string }): { xMeasure: string; yMeasure: string } {
  const measures = measuresOf(rows, spec.x!);
  const xMeasure = measures.find((m) => /crime/i.test(m)) ?? measures[0] ?? '';
  const others = measures.filter((m) => m !== xMeasure);
  const spi = others.filter((m) => /^SPI:/.test(m));
  let best = { yMeasure: (spi.length ? spi : others)[0] ?? xMeasure, r: -1 };
  for (const m of spi.length ? spi : others) {
    const line = fit(pairs(rows, spec, xMeasure, m));
    if (line && Math.abs(line.r) > best.r) best = { yMeasure: m, r: Math.abs(line.r) };
  }
  return { xMeasure, yMeasure: best.yMeasure };
}

/** One point per ward for two measures, labelled, with the fitted line and r (and n) in the legend and the note. */
export const scatterTraces: Builder = (metadata, rows, options) => {
  const spec = metadata.chart;
  const chosen = options.xMeasure && options.yMeasure ? { xMeasure: options.xMeasure, yMeasure: options.yMeasure } : defaultMeasures(rows, spec);
  const points = pairs(rows, spec, chosen.xMeasure, chosen.yMeasure);
  const colours = coloursFor(options);
  const line = fit(points);
  const xs = points.map((p) => p.x);
  const data = [
    {
      type: 'scatter',
      mode: points.length <= 30 ? 'markers+text' : 'markers',
      name: 'Wards',
      x: xs,
      y: points.map((p) => p.y),
      text: points.map((p) => p.label),
      textposition: 'top center',
      textfont: { size: 10 },
      marker: { size: 10, color: colours[0], line: { color: '#FFFFFF', width: 1 } },
      hovertemplate: '%{text}: %{x:.1f}, %{y:.1f}<extra></extra>',
    },
    ...(line
      ? [{ type: 'scatter', mode: 'lines', name: `Fitted line (r = ${line.r.toFixed(2)}, n = ${points.length})`, x: [Math.min(...xs), Math.max(...xs)], y: [Math.min(...xs), Math.max(...xs)].map((x) => line.intercept + line.slope * x), line: { color: colours[5], width: 2, dash: 'dash' } }]
      : []),
  ];
  const axisX = options.xMeasure ? options.xLabel : chosen.xMeasure;
  const axisY = options.yMeasure ? options.yLabel : chosen.yMeasure;
  return {
    data,
    layout: { xaxis: { title: { text: axisX } }, yaxis: { title: { text: axisY } } },
    notes: [line ? `Pearson's r = ${line.r.toFixed(2)} across ${points.length} wards; the line is the least-squares fit. Correlation is not cause.` : `Too few wards (${points.length}) have both measures to fit a line.`],
  };
};
