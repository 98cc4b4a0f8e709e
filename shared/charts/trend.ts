import { coloursFor, num, text } from './common';
import type { Builder } from './types';
import { columnLabel } from './options';

/** Monthly counts as a line with markers, and the rolling 12-month mean as a heavier dashed line over them. */
export const trendTraces: Builder = (metadata, rows, options) => {
  const { x, y, y2 } = metadata.chart;
  const colours = coloursFor(options);
  const months = rows.map((r) => text(r[x!]));
  // Months as people write them, on the axis and on hover: "Mar 2019", not "2019-03".
  const hover = '%{x|%b %Y}: %{y:,.0f}<extra>%{fullData.name}</extra>';
  const data = [
    { type: 'scatter', mode: 'lines+markers', name: columnLabel(metadata, y), x: months, y: rows.map((r) => num(r[y!])), line: { color: colours[0], width: 2 }, marker: { size: 6 }, connectgaps: false, hovertemplate: hover },
    ...(y2 ? [{ type: 'scatter', mode: 'lines', name: columnLabel(metadata, y2), x: months, y: rows.map((r) => num(r[y2])), line: { color: colours[1], width: 3.5, dash: 'dash' }, hovertemplate: hover }] : []),
  ];
  return { data, layout: { xaxis: { title: { text: options.xLabel }, type: 'date', tickformat: '%b %Y', dtick: 'M3' }, yaxis: { title: { text: options.yLabel }, rangemode: 'tozero' } } };
};
