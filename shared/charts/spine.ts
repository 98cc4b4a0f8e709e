import { categoryAxis, heightFor, num, text } from './common';
import type { Builder, Trace } from './types';
import { keyColours } from './theme';

/**
 * A Fingertips spine chart: one row per measure, the comparator at the centre line, the light bar the range across
 * the comparator's districts and the dark bar their middle half (25th to 75th percentile), and the area's value a
 * circle coloured by how it compares. Each row is scaled so that the district furthest from the comparator touches the
 * edge; the values themselves are written beside the measure.
 */
export const spineTraces: Builder = (metadata, rows, _options, context) => {
  const { x, y, comparator, colour } = metadata.chart;
  const drawn = rows.filter((r) => num(r[comparator!]) !== null && num(r.district_min) !== null && num(r.district_max) !== null);
  const labelOf = (r: (typeof rows)[number]) => {
    const value = num(r[y!]);
    return `${text(r[x!])}: ${value === null ? '[c]' : value.toFixed(1)} (${context.comparator || 'comparator'} ${num(r[comparator!])!.toFixed(1)})`;
  };
  const labels = drawn.map(labelOf);
  const position = (r: (typeof rows)[number], v: number | null) => {
    const centre = num(r[comparator!])!;
    const reach = Math.max(Math.abs(num(r.district_min)! - centre), Math.abs(num(r.district_max)! - centre), Math.abs((num(r[y!]) ?? centre) - centre)) || 1;
    return v === null ? null : 0.5 + (v - centre) / (2 * reach);
  };
  const bar = (from: string, to: string, name: string, colour: string, width: number): Trace => ({
    type: 'bar',
    orientation: 'h',
    name,
    y: labels,
    base: drawn.map((r) => position(r, num(r[from]))),
    x: drawn.map((r) => position(r, num(r[to]))! - position(r, num(r[from]))!),
    marker: { color: colour },
    width,
    hoverinfo: 'skip',
  });
  const groups = colour ? [...new Set(drawn.map((r) => text(r[colour])))] : [''];
  const data: Trace[] = [
    bar('district_min', 'district_max', 'Range across districts', '#D9D9D9', 0.6),
    bar('district_q1', 'district_q3', 'Middle half of districts', '#A6A6A6', 0.6),
    ...groups.map((group) => {
      const members = drawn.filter((r) => !colour || text(r[colour]) === group);
      return {
        type: 'scatter',
        mode: 'markers',
        name: `${context.area}: ${group || 'value'}`,
        y: members.map(labelOf),
        x: members.map((r) => position(r, num(r[y!]))),
        marker: { size: 13, color: keyColours[group] ?? '#FFFFFF', line: { color: '#1A1A1A', width: 1.5 } },
        hoverinfo: 'skip',
      } as Trace;
    }),
  ];
  return {
    data,
    layout: {
      barmode: 'overlay',
      height: heightFor(labels.length),
      yaxis: { ...categoryAxis(labels.length), categoryarray: labels, categoryorder: 'array', title: { text: '' } },
      xaxis: { range: [-0.03, 1.03], showticklabels: false, showgrid: false, zeroline: false, title: { text: `Lower ← ${context.comparator || 'comparator'} at the centre → higher` } },
      shapes: [{ type: 'line', x0: 0.5, x1: 0.5, xref: 'x', y0: 0, y1: 1, yref: 'paper', line: { color: '#1A1A1A', width: 2 } }],
    },
    notes: [
      `Each row is scaled to its own spread: the centre line is ${context.comparator || 'the comparator'}, the bars the range of its districts.`,
      ...(rows.length > drawn.length ? [`Not drawn, as a district has too few events to show its rate: ${rows.filter((r) => !drawn.includes(r)).map((r) => text(r[x!])).join(', ')}.`] : []),
    ],
  };
};
