import { categoryAxis, coloursFor, heightFor, hiddenMarkers, noDataMarkers, num, referenceLine, sortRows, text } from './common';
import type { Builder, Trace } from './types';
import { columnLabel } from './options';
import { keyColours } from './theme';

/** A row's level in words: the area and comparator by name, other levels (ward) as plurals. */
const levelName = (level: string, context: { area: string; comparator: string }) =>
  level === 'area' ? context.area : level === 'comparator' ? context.comparator : `${level.charAt(0).toUpperCase()}${level.slice(1)}s`;

/**
 * Area against comparator: a horizontal bar per category with its confidence interval as whiskers, the comparator's
 * value as a black tick, and bars coloured by how the area compares when the result says (words in the legend).
 */
export const intervalBarTraces: Builder = (metadata, rows, options, context) => {
  const { x, y, lower, upper, comparator, colour } = metadata.chart;
  const sorted = sortRows(rows, y, options.sort);
  const categories = sorted.map((r) => text(r[x!]));
  const colours = coloursFor(options);
  const comparison = metadata.columns.some((c) => c.name === 'comparison') ? 'comparison' : colour;
  const groups = comparison ? [...new Set(sorted.map((r) => text(r[comparison])))] : [''];
  const data: Trace[] = groups.map((group, index) => {
    const members = sorted.filter((r) => !comparison || text(r[comparison]) === group);
    const value = (r: (typeof members)[number]) => num(r[y!]);
    return {
      type: 'bar',
      orientation: 'h',
      name: comparison === 'comparison' ? `${context.area}: ${group || 'not compared'}` : comparison ? levelName(group, context) : `${context.area}${lower ? ' (95% interval)' : ''}`,
      y: members.map((r) => text(r[x!])),
      x: members.map(value),
      marker: { color: keyColours[group] ?? colours[index % colours.length] },
      error_x: lower && upper
        ? {
            type: 'data',
            symmetric: false,
            array: members.map((r) => (num(r[upper]) !== null && value(r) !== null ? num(r[upper])! - value(r)! : null)),
            arrayminus: members.map((r) => (num(r[lower]) !== null && value(r) !== null ? value(r)! - num(r[lower])! : null)),
            color: '#1A1A1A',
            thickness: 1.5,
            width: 4,
          }
        : undefined,
      hovertemplate: '%{y}: %{x:.1f}<extra></extra>',
    };
  });
  const hidden = hiddenMarkers(categories, sorted.map((r) => num(r[y!])));
  if (hidden) data.push(hidden);
  if (comparator) {
    data.push({
      type: 'scatter',
      mode: 'markers',
      name: context.comparator || columnLabel(metadata, comparator),
      y: categories,
      x: sorted.map((r) => num(r[comparator])),
      marker: { symbol: 'line-ns-open', size: 22, color: '#000000', line: { width: 3 } },
      hovertemplate: '%{y}: %{x:.1f}<extra>comparator</extra>',
    });
  }
  return {
    data,
    layout: { barmode: 'overlay', bargap: 0.35, height: heightFor(categories.length), yaxis: { ...categoryAxis(categories.length), categoryarray: categories, categoryorder: 'array', title: { text: '' } }, xaxis: { title: { text: options.yLabel }, rangemode: 'tozero' } },
  };
};

/** Plain bars, with an optional second measure beside the first and a reference line (0 for change, 100 for an index). */
export const barsTraces: Builder = (metadata, rows, options) => {
  const { x, y, y2, reference } = metadata.chart;
  const sorted = sortRows(rows, y, options.sort);
  const categories = sorted.map((r) => text(r[x!]));
  const colours = coloursFor(options);
  const data: Trace[] = [y, y2].filter((c): c is string => Boolean(c)).map((column, index) => ({
    type: 'bar',
    orientation: 'h',
    name: columnLabel(metadata, column),
    y: categories,
    x: sorted.map((r) => num(r[column])),
    marker: { color: colours[index] },
    text: sorted.map((r) => (num(r[column]) === null ? '' : num(r[column])!.toFixed(1))),
    textposition: 'outside',
    cliponaxis: false,
    hovertemplate: '%{y}: %{x:.1f}<extra></extra>',
  }));
  // A value missing while the row's counts are all shown was not suppressed (suppression hides the count with it):
  // there is no data to compute it from, such as no population for a Mosaic group, and it is marked as such.
  const counts = metadata.columns.filter((c) => c.format === 'count').map((c) => c.name);
  const noData = (r: (typeof sorted)[number]) => num(r[y!]) === null && counts.length > 0 && counts.every((c) => num(r[c]) !== null);
  const hidden = hiddenMarkers(categories, sorted.map((r) => (noData(r) ? 0 : num(r[y!]))));
  if (hidden) data.push(hidden);
  const missing = noDataMarkers(sorted.filter(noData).map((r) => text(r[x!])));
  if (missing) data.push(missing);
  const line = reference === undefined ? undefined : referenceLine(reference, String(reference));
  return {
    data,
    layout: {
      barmode: 'group',
      bargap: 0.3,
      height: heightFor(Math.ceil(categories.length * (y2 ? 1.6 : 1))),
      yaxis: { ...categoryAxis(categories.length), categoryarray: categories, categoryorder: 'array', title: { text: '' } },
      xaxis: { title: { text: options.yLabel } },
      shapes: line ? [line.shape] : [],
      showlegend: Boolean(y2) || Boolean(hidden) || Boolean(missing),
    },
  };
};
