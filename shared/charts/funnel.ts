import { num, text } from './common';
import type { Builder, Trace } from './figure';

/**
 * A funnel plot: each district's rate against its population, with the comparator's rate as the centre line and the
 * 95% and 99.8% control limits drawn through the limits at each district's population (as the table gives them). The
 * area is marked and labelled; districts outside the 99.8% limits are coloured by which side.
 */
export const funnelTraces: Builder = (metadata, rows, options, context) => {
  const { x, y, label } = metadata.chart;
  const name = label ?? 'district_name';
  const points = rows.filter((r) => num(r[x!]) !== null && num(r[y!]) !== null).sort((a, b) => num(a[x!])! - num(b[x!])!);
  const side = (r: (typeof rows)[number]) =>
    num(r[y!])! > (num(r.funnel_upper_998) ?? Infinity) ? 'Above the 99.8% limit' : num(r[y!])! < (num(r.funnel_lower_998) ?? -Infinity) ? 'Below the 99.8% limit' : 'Within the 99.8% limits';
  const colours: Record<string, string> = { 'Above the 99.8% limit': '#D55E00', 'Below the 99.8% limit': '#0072B2', 'Within the 99.8% limits': '#8C8C8C' };
  const line = (column: string, label: string, dash: string, showlegend = true): Trace => ({
    type: 'scatter',
    mode: 'lines',
    name: label,
    x: points.map((r) => num(r[x!])),
    y: points.map((r) => num(r[column])),
    line: { color: '#555555', width: 1.5, dash, shape: 'spline' },
    showlegend,
    hoverinfo: 'skip',
  });
  const data: Trace[] = [
    line('force_rate', context.comparator || 'Comparator', 'solid'),
    line('funnel_upper_95', '95% limits', 'dash'),
    line('funnel_lower_95', '95% lower', 'dash', false),
    line('funnel_upper_998', '99.8% limits', 'dot'),
    line('funnel_lower_998', '99.8% lower', 'dot', false),
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
  const method = text(rows.find((r) => text(r.overdispersion))?.overdispersion);
  return {
    data,
    layout: { xaxis: { title: { text: options.xLabel }, rangemode: 'tozero' }, yaxis: { title: { text: options.yLabel }, rangemode: 'tozero' } },
    notes: [
      `Limits around the ${context.comparator || 'comparator'} rate at each district's population: exact Poisson (PHEindicatormethods)${method && method !== 'none' ? `, adjusted for overdispersion (${method}, Spiegelhalter)` : ''}.`,
      ...(context.area ? [`The star is ${context.area}.`] : []),
    ],
  };
};
