import { text } from './common';
import type { Builder, Trace } from './types';

/** The matrix's statuses, least to most marked out, with the assessment key's colours (the words are in each cell). */
const statuses = ['Not marked out', 'Rising', 'Higher than the force', 'Higher and rising'];
const colours = ['#F2F2F2', '#F0C27B', '#E69F00', '#D55E00'];

/**
 * A matrix of districts (rows) by priorities (columns), each cell coloured by what the data shows and labelled with
 * it in words, the area's row marked. The figures behind each cell are in its hover and in the table.
 */
export const matrixTraces: Builder = (metadata, rows, _options, context) => {
  const { x, y, colour } = metadata.chart;
  const columns = [...new Set(rows.map((r) => text(r[x!])))];
  const lines = [...new Set(rows.map((r) => text(r[y!])))];
  const cell = (line: string, column: string) => rows.find((r) => text(r[y!]) === line && text(r[x!]) === column);
  const level = (r: (typeof rows)[number] | undefined) => (r ? Math.max(0, statuses.indexOf(text(r[colour!]))) : null);
  const short = (r: (typeof rows)[number] | undefined) => (r && level(r)! > 0 ? text(r[colour!]).replace(' than the force', '') : '');
  const data: Trace[] = [
    {
      type: 'heatmap',
      x: columns,
      y: lines,
      z: lines.map((line) => columns.map((column) => level(cell(line, column)))),
      zmin: 0,
      zmax: statuses.length - 1,
      colorscale: colours.flatMap((c, i) => [[i / colours.length, c], [(i + 1) / colours.length, c]]),
      showscale: false,
      xgap: 3,
      ygap: 3,
      text: lines.map((line) => columns.map((column) => text(cell(line, column)?.evidence))),
      hovertemplate: '%{y}, %{x}: %{text}<extra></extra>',
    },
    // A legend entry per status, since a heatmap has none.
    ...statuses.map((status, i) => ({ type: 'scatter', mode: 'markers', name: status, x: [null], y: [null], marker: { symbol: 'square', size: 14, color: colours[i], line: { color: '#999999', width: 1 } } })),
  ];
  const isArea = (line: string) => rows.some((r) => text(r[y!]) === line && (r.is_area === true || text(r.is_area) === 'true' || line === context.area));
  return {
    data,
    layout: {
      height: Math.max(620, 260 + lines.length * 48),
      xaxis: { type: 'category', side: 'top', tickangle: -30, automargin: true, title: { text: '' }, showgrid: false },
      yaxis: { type: 'category', autorange: 'reversed', automargin: true, showgrid: false, title: { text: '' }, tickvals: lines, ticktext: lines.map((l) => (isArea(l) ? `<b>${l} ▶</b>` : l)) },
      annotations: lines.flatMap((line) => columns.map((column) => ({ x: column, y: line, xref: 'x', yref: 'y', text: short(cell(line, column)), showarrow: false, font: { size: 11, color: (level(cell(line, column)) ?? 0) >= 2 ? '#FFFFFF' : '#1A1A1A' } }))),
      legend: { orientation: 'h', x: 0, xanchor: 'left', y: -0.02, yanchor: 'top', font: { size: 12 } },
      plot_bgcolor: '#FFFFFF',
    },
    notes: [`Marked out: a measure of the priority significantly higher than ${context.comparator || 'the force'}, or significantly rising on the year before.`],
  };
};
