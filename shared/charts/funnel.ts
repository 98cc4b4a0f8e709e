import { adjustedLimit, funnelLower, funnelUpper } from '../stats/funnel';
import type { JsonValue } from '../contracts/common';
import { num, text } from './common';
import type { Builder, Trace } from './types';

/**
 * A funnel plot: each district's rate against its population, with the comparator's rate as the centre line and the
 * 95% and 99.8% control limits as smooth curves from small populations to beyond the largest district (the same
 * functions that give the table's limits at each district's population). The area is marked with a star; districts
 * outside the 99.8% limits are coloured by which side.
 */

/** The rate multiplier (per 1,000…), from any row with events: rate = count / population × per. */
function perOf(rows: Record<string, JsonValue>[], y: string): number | null {
  const row = rows.find((r) => (num(r.count) ?? 0) > 0 && num(r.population) !== null && num(r[y]) !== null);
  return row ? Math.round((num(row[y])! * num(row.population)!) / num(row.count)!) : null;
}
export const funnelTraces: Builder = (metadata, rows, options, context) => {
  const { x, y, label } = metadata.chart;
  const name = label ?? 'district_name';
  const points = rows.filter((r) => num(r[x!]) !== null && num(r[y!]) !== null).sort((a, b) => num(a[x!])! - num(b[x!])!);
  const side = (r: (typeof rows)[number]) =>
    num(r[y!])! > (num(r.funnel_upper_998) ?? Infinity) ? 'Above the 99.8% limit' : num(r[y!])! < (num(r.funnel_lower_998) ?? -Infinity) ? 'Below the 99.8% limit' : 'Within the 99.8% limits';
  const colours: Record<string, string> = { 'Above the 99.8% limit': '#D55E00', 'Below the 99.8% limit': '#0072B2', 'Within the 99.8% limits': '#8C8C8C' };
  const force = num(rows.find((r) => num(r.force_rate) !== null)?.force_rate);
  const per = perOf(points, y!);
  const method = text(rows.find((r) => text(r.overdispersion))?.overdispersion);
  const phi = num(rows.find((r) => num(r.phi) !== null)?.phi) ?? 1;
  const tau2 = num(rows.find((r) => num(r.tau2) !== null)?.tau2) ?? 0;
  const largest = Math.max(...points.map((r) => num(r[x!])!));
  const smallest = Math.min(...points.map((r) => num(r[x!])!));
  // Log-spaced populations from a quarter of the smallest district to beyond the largest: the funnel's shape.
  const grid = Array.from({ length: 80 }, (_, i) => (smallest / 4) * ((largest * 1.1) / (smallest / 4)) ** (i / 79));
  const limit = (population: number, confidence: number, side: -1 | 1) => {
    const average = force! / per!;
    const value =
      method === 'multiplicative' || method === 'additive'
        ? adjustedLimit(population, average, confidence, side, method, phi, tau2)
        : side < 0
          ? funnelLower(population, average, confidence)
          : funnelUpper(population, average, confidence);
    return value * per!;
  };
  const curve = (confidence: number, side: -1 | 1, label: string, dash: string, showlegend: boolean): Trace => ({
    type: 'scatter',
    mode: 'lines',
    name: label,
    x: grid,
    y: grid.map((population) => limit(population, confidence, side)),
    line: { color: '#555555', width: 1.5, dash },
    showlegend,
    hoverinfo: 'skip',
  });
  const data: Trace[] =
    force === null || per === null || points.length === 0
      ? []
      : [
          { type: 'scatter', mode: 'lines', name: context.comparator || 'Comparator', x: [grid[0], grid[grid.length - 1]], y: [force, force], line: { color: '#1A1A1A', width: 1.5 }, hoverinfo: 'skip' },
          curve(0.95, 1, '95% limits', 'dash', true),
          curve(0.95, -1, '95% lower', 'dash', false),
          curve(0.998, 1, '99.8% limits', 'dot', true),
          curve(0.998, -1, '99.8% lower', 'dot', false),
        ];
  for (const group of Object.keys(colours)) {
    const members = points.filter((r) => side(r) === group);
    if (!members.length) continue;
    data.push({
      type: 'scatter',
      mode: 'markers+text',
      name: group,
      x: members.map((r) => num(r[x!])),
      y: members.map((r) => num(r[y!])),
      text: members.map((r) => text(r[name])),
      textposition: 'top center',
      textfont: { size: 10 },
      marker: { size: members.map((r) => (text(r[name]) === context.area ? 16 : 10)), color: colours[group], symbol: members.map((r) => (text(r[name]) === context.area ? 'star' : 'circle')), line: { color: '#1A1A1A', width: 1 } },
      hovertemplate: '%{text}: %{y:.1f} (population %{x:,})<extra></extra>',
    });
  }
  return {
    data,
    layout: { xaxis: { title: { text: options.xLabel }, rangemode: 'tozero' }, yaxis: { title: { text: options.yLabel } } },
    notes: [
      `Limits around the ${context.comparator || 'comparator'} rate at each district's population: exact Poisson (PHEindicatormethods)${method && method !== 'none' ? `, adjusted for overdispersion (${method}, Spiegelhalter)` : ''}.`,
      ...(context.area ? [`The star is ${context.area}.`] : []),
    ],
  };
};
