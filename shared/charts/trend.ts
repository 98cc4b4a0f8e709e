import { coloursFor, num, text } from './common';
import type { Builder } from './figure';
import { columnLabel } from './options';

/** Monthly counts as a line with markers, and the rolling 12-month mean as a heavier dashed line over them. */
export const trendTraces: Builder = (metadata, rows, options) => {
  const { x, y, y2 } = metadata.chart;
  const colours = coloursFor(options);
  const months = rows.map((r) => text(r[x!]));
  const data = [
    { type: 'scatter', mode: 'lines+markers', name: columnLabel(metadata, y), x: months, y: rows.map((r) => num(r[y!])), line: { color: colours[0], width: 2 }, marker: { size: 6 }, connectgaps: false },
    ...(y2 ? [{ type: 'scatter', mode: 'lines', name: columnLabel(metadata, y2), x: months, y: rows.map((r) => num(r[y2])), line: { color: colours[1], width: 3.5, dash: 'dash' } }] : []),
  ];
  return { data, layout: { xaxis: { title: { text: options.xLabel }, type: 'date', tickformat: '%b %Y', dtick: 'M3' }, yaxis: { title: { text: options.yLabel }, rangemode: 'tozero' } } };
};
