import type { JsonValue } from '../contracts/common';
import { categoryAxis, coloursFor, heightFor, num, referenceLine, text } from './common';
import type { Builder, Trace } from './types';
import { columnLabel } from './options';

/** Change in the assessment's key: a rise warm, a fall cool, no reliable change grey (the words are in the legend). */
export const changeColours: Record<string, string> = {
  'Significant increase': '#D55E00',
  'Significant decrease': '#0072B2',
  'No reliable change': '#8C8C8C',
};

/**
 * Rate ratios as points with their confidence intervals, on a log axis around 1 (no change): each measure a row,
 * coloured by whether the change is significant. An interval with no upper limit (nothing the year before) is drawn
 * to the edge of the axis.
 */
export const ratioIntervalTraces: Builder = (metadata, rows, options) => {
  const { x, y, lower, upper, colour, reference } = metadata.chart;
  const categories = rows.map((r) => text(r[x!]));
  const shown = rows.filter((r) => num(r[y!]) !== null && num(r[y!])! > 0);
  const highest = Math.max(2, ...shown.map((r) => num(r[upper!]) ?? num(r[y!])!));
  const groups = colour ? [...new Set(shown.map((r) => text(r[colour])))] : [''];
  const fallback = coloursFor(options);
  const data: Trace[] = groups.map((group, index) => {
    const members = shown.filter((r) => !colour || text(r[colour]) === group);
    return {
      type: 'scatter',
      mode: 'markers',
      name: group || columnLabel(metadata, y),
      y: members.map((r) => text(r[x!])),
      x: members.map((r) => num(r[y!])),
      marker: { size: 10, symbol: 'diamond', color: changeColours[group] ?? fallback[index % fallback.length] },
      error_x: lower && upper
        ? {
            type: 'data',
            symmetric: false,
            array: members.map((r) => (num(r[upper]) ?? highest) - num(r[y!])!),
            arrayminus: members.map((r) => num(r[y!])! - (num(r[lower]) ?? num(r[y!])!)),
            color: changeColours[group] ?? '#1A1A1A',
            thickness: 1.5,
            width: 4,
          }
        : undefined,
      hovertemplate: '%{y}: %{x:.2f}<extra>%{fullData.name}</extra>',
    };
  });
  const hidden = categories.filter((c) => !shown.some((r) => text(r[x!]) === c));
  if (hidden.length) {
    data.push({ type: 'scatter', mode: 'text', name: '[c] hidden or no events', x: hidden.map(() => reference ?? 1), y: hidden, text: hidden.map(() => '[c]'), textposition: 'middle right', textfont: { size: 12, color: '#555555' }, hoverinfo: 'skip' });
  }
  const line = referenceLine(reference ?? 1, 'No change');
  // On a log axis plotly places annotations by the logarithm of the value (shapes by the value itself).
  const annotation = { ...line.annotation, x: Math.log10(reference ?? 1) };
  const ticks = [0.1, 0.2, 0.25, 0.5, 0.75, 1, 1.5, 2, 3, 4, 5, 10];
  return {
    data,
    layout: {
      height: heightFor(categories.length),
      yaxis: { ...categoryAxis(categories.length), categoryarray: categories, categoryorder: 'array', title: { text: '' } },
      xaxis: { title: { text: options.yLabel }, type: 'log', tickvals: ticks, ticktext: ticks.map(String) },
      shapes: [line.shape],
      annotations: [annotation],
    },
    notes: ['A change is significant when its interval does not cross 1; otherwise there is no reliable change, whatever the percentage.'],
  };
};

const first = (rows: Record<string, JsonValue>[], column: string) => num(rows.find((r) => num(r[column]) !== null)?.[column]);

/**
 * An XmR chart as Making Data Count draws it: the monthly values as a line, the mean and the natural process limits
 * as lines (stepping where the limits were recalculated), and points showing special-cause variation marked orange
 * with their signal in the hover and the note.
 */
export const xmrTraces: Builder = (metadata, rows, options) => {
  const { x, y } = metadata.chart;
  const colours = coloursFor(options);
  const months = rows.map((r) => text(r[x!]));
  const line = (column: string, name: string, dash: string, colour: string, width = 1.5): Trace => ({
    type: 'scatter',
    mode: 'lines',
    name,
    x: months,
    y: rows.map((r) => num(r[column])),
    line: { color: colour, width, dash, shape: 'hvh' },
    hovertemplate: `${name}: %{y:.1f}<extra></extra>`,
  });
  const signalled = rows.filter((r) => text(r.signal));
  const data: Trace[] = [
    { type: 'scatter', mode: 'lines+markers', name: columnLabel(metadata, y), x: months, y: rows.map((r) => num(r[y!])), line: { color: '#7F7F7F', width: 2 }, marker: { size: 7, color: colours[0] }, connectgaps: false },
    line('mean', 'Mean', 'solid', '#1A1A1A'),
    line('upper_limit', 'Process limits', 'dash', '#555555'),
    { ...line('lower_limit', 'Lower limit', 'dash', '#555555'), showlegend: false },
  ];
  if (signalled.length) {
    data.push({
      type: 'scatter',
      mode: 'markers',
      name: 'Special cause',
      x: signalled.map((r) => text(r[x!])),
      y: signalled.map((r) => num(r[y!])),
      text: signalled.map((r) => text(r.signal)),
      marker: { size: 11, color: '#E69F00', line: { color: '#1A1A1A', width: 1 } },
      hovertemplate: '%{x}: %{y}<br>%{text}<extra></extra>',
    });
  }
  const mean = first(rows, 'mean');
  const signals = [...new Set(signalled.flatMap((r) => text(r.signal).split('; ')))];
  const phases = new Set(rows.map((r) => text(r.phase))).size;
  return {
    data,
    layout: { xaxis: { title: { text: options.xLabel }, type: 'date', tickformat: '%b %Y', dtick: 'M3' }, yaxis: { title: { text: options.yLabel }, rangemode: 'tozero' } },
    notes: [
      mean === null ? '' : `Mean ${mean.toFixed(1)} a month; process limits ${first(rows, 'lower_limit')!.toFixed(1)} to ${first(rows, 'upper_limit')!.toFixed(1)} (mean ± 2.66 × the average moving range)${phases > 1 ? ', recalculated where the lines step' : ''}.`,
      signals.length ? `Special-cause variation: ${signals.join('; ')}.` : 'No special-cause variation: the months vary as usual.',
    ].filter(Boolean),
  };
};
