import { categoryAxis, heightFor, hiddenMarkers, num, referenceLine, sortRows, text } from './common';
import type { Builder, Trace } from './types';
import { flagColour, flagOf as flagIn, wardFlags } from './flags';

/**
 * Wards ranked by rate, coloured by their flag (the flag's words in the legend), with the ward mean and the one and
 * two standard deviation thresholds drawn as the lines the flags are measured against.
 */
export const wardRankingTraces: Builder = (metadata, rows, options) => {
  const { x, y, colour } = metadata.chart;
  const sorted = sortRows(rows, y, options.sort);
  const wards = sorted.map((r) => text(r[x!]));
  const flagOf = (r: (typeof rows)[number]) => flagIn(r, colour);
  const flags = wardFlags.filter((f) => sorted.some((r) => flagOf(r) === f));
  const data: Trace[] = flags.map((flag) => {
    const members = sorted.filter((r) => flagOf(r) === flag);
    return {
      type: 'bar',
      orientation: 'h',
      name: flag,
      y: members.map((r) => text(r[x!])),
      x: members.map((r) => num(r[y!])),
      marker: { color: flagColour(flag, options) },
      hovertemplate: '%{y}: %{x:.1f}<extra>%{fullData.name}</extra>',
    };
  });
  const hidden = hiddenMarkers(wards, sorted.map((r) => num(r[y!])));
  if (hidden) data.push(hidden);
  const mean = num(rows.find((r) => num(r.mean_rate) !== null)?.mean_rate);
  const sd = num(rows.find((r) => num(r.sd_rate) !== null)?.sd_rate);
  const lines = mean === null ? [] : [referenceLine(mean, 'Mean', 'x', 'solid'), ...(sd === null ? [] : [referenceLine(mean + sd, '+1 SD'), referenceLine(mean + 2 * sd, '+2 SD', 'x', 'dot')])];
  const method = text(rows.find((r) => r.sd_method)?.sd_method);
  return {
    data,
    layout: {
      barmode: 'overlay',
      bargap: 0.25,
      height: heightFor(wards.length),
      yaxis: { ...categoryAxis(wards.length), categoryarray: wards, categoryorder: 'array', title: { text: '' } },
      xaxis: { title: { text: options.yLabel }, rangemode: 'tozero' },
      // The legend is lifted clear of the Mean / +1 SD / +2 SD labels, which sit just above the plot.
      ...(lines.length ? { legend: { orientation: 'h', x: 0, xanchor: 'left', y: 1.07, yanchor: 'bottom', font: { size: 12 } }, margin: { t: 150 } } : {}),
      shapes: lines.map((l) => l.shape),
      annotations: lines.map((l) => l.annotation),
    },
    notes: mean === null ? [] : [`Ward mean ${mean.toFixed(1)}${sd === null ? '' : `, standard deviation ${sd.toFixed(1)} (${method || 'sample'} SD)`}.`],
  };
};
