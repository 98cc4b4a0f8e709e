import { categoryAxis, coloursFor, heightFor, num, text } from './common';
import type { Builder, Trace } from './types';

/*
 * The breakdowns' charts: the make-up of a group of people or crimes (flag-profile's offence mix, stacked;
 * victim-offender-profile's age–sex pyramid). "Profile" in those analyses' ids means a breakdown, not a mapping
 * profile (the importer's) nor an area or priority profile (every measure against the comparator).
 */

/**
 * The mix of a cohort: one bar per category stacked by its parts (offence group by subgroup), with a legend naming
 * each part once, a line for each bar. Parts of one bar never share a colour; wide segments also carry their
 * share, and the table beneath has every figure. A category without parts is one light grey segment.
 */
export const stackedTraces: Builder = (metadata, rows, options) => {
  const { x, y, series } = metadata.chart;
  const colours = coloursFor(options);
  const categories = [...new Set(rows.map((r) => text(r[x!])))];
  const whole = 'Whole group';
  const segments = categories.flatMap((category) => {
    const members = rows.filter((r) => text(r[x!]) === category);
    const parts = members.filter((r) => series && text(r[series]) !== '');
    return (parts.length > 0 ? parts : members.slice(0, 1)).map((r) => ({ category, part: series && parts.length > 0 ? text(r[series]) : whole, value: num(r[y!]) }));
  });
  const partNames = [...new Set(segments.map((s) => s.part).filter((p) => p !== whole))];
  const colourOf = (part: string) => (part === whole ? '#BDBDBD' : colours[partNames.indexOf(part) % colours.length]);
  const seen = new Set<string>();
  const legendRoom = 24 * (categories.length + 1);
  const data: Trace[] = segments.map((s) => {
    const first = !seen.has(s.part);
    seen.add(s.part);
    return {
      type: 'bar',
      orientation: 'h',
      name: s.part,
      legendgroup: s.category,
      showlegend: first,
      y: [s.category],
      x: [s.value],
      marker: { color: colourOf(s.part), line: { color: '#FFFFFF', width: 1 } },
      // Only segments wide enough to read carry a label; the table has every figure.
      text: [s.value === null || s.value < 8 ? '' : `${s.value.toFixed(0)}%`],
      textposition: 'inside',
      insidetextanchor: 'middle',
      hovertemplate: `${s.part.replace(/%/g, '%%')}: %{x:.1f}<extra>%{y}</extra>`,
    };
  });
  // A hidden segment is not drawn; the note names it, so a shorter bar reads as hidden, not as missing.
  const hidden = segments.filter((s) => s.value === null).map((s) => (s.part === s.category || s.part === whole ? s.category : `${s.category}: ${s.part}`));
  return {
    data,
    notes: hidden.length ? [`Not drawn, hidden as small numbers [c]: ${hidden.join('; ')}.`] : [],
    layout: {
      barmode: 'stack',
      // The legend sits above the plot, a line for each group.
      height: heightFor(categories.length) + legendRoom,
      margin: { t: 112 + legendRoom },
      // One legend line per offence group (its parts side by side), over the plot.
      legend: { orientation: 'h', x: 0, xanchor: 'left', y: 1.01, yanchor: 'bottom', traceorder: 'grouped', tracegroupgap: 2 },
      showlegend: true,
      uniformtext: { mode: 'hide', minsize: 12 },
      yaxis: { ...categoryAxis(categories.length), categoryarray: categories, categoryorder: 'array', title: { text: '' } },
      xaxis: { title: { text: options.yLabel } },
    },
  };
};

/** A population pyramid: age bands up the middle, one sex to the left and the other to the right. */
export const pyramidTraces: Builder = (metadata, rows, options) => {
  const { x, y, series } = metadata.chart;
  const colours = coloursFor(options);
  const bands = [...new Set(rows.map((r) => text(r[x!])))];
  const sides = [...new Set(rows.map((r) => text(r[series!])))].sort();
  const names: Record<string, string> = { F: 'Female', M: 'Male' };
  const data: Trace[] = sides.map((side, index) => {
    const sign = index === 0 ? -1 : 1;
    const members = bands.map((band) => rows.find((r) => text(r[x!]) === band && text(r[series!]) === side));
    return {
      type: 'bar',
      orientation: 'h',
      name: names[side] ?? side,
      y: bands,
      x: members.map((r) => (r && num(r[y!]) !== null ? sign * num(r[y!])! : null)),
      customdata: members.map((r) => (r ? num(r[y!]) : null)),
      marker: { color: colours[index === 0 ? 3 : 0] },
      hovertemplate: '%{y}: %{customdata:,}<extra>%{fullData.name}</extra>',
    };
  });
  // A hidden band is marked "[c]" at the axis on its side, never drawn with a length and never silently dropped.
  const hiddenCells = sides.flatMap((side, index) =>
    bands.filter((band) => rows.some((r) => text(r[x!]) === band && text(r[series!]) === side && num(r[y!]) === null)).map((band) => ({ band, side: index === 0 ? -1 : 1 })),
  );
  if (hiddenCells.length > 0) {
    data.push({
      type: 'scatter',
      mode: 'text',
      name: '[c] hidden: small numbers',
      x: hiddenCells.map(() => 0),
      y: hiddenCells.map((c) => c.band),
      text: hiddenCells.map(() => '[c]'),
      textposition: hiddenCells.map((c) => (c.side < 0 ? 'middle left' : 'middle right')),
      textfont: { size: 12, color: '#555555' },
      hoverinfo: 'skip',
      showlegend: true,
    });
  }
  const largest = Math.max(1, ...rows.map((r) => num(r[y!]) ?? 0));
  const step = niceStep(largest / 3);
  const ticks = [-3, -2, -1, 0, 1, 2, 3].map((k) => k * step);
  return {
    data,
    layout: {
      barmode: 'relative',
      bargap: 0.1,
      yaxis: { title: { text: options.xLabel }, type: 'category', categoryarray: bands, categoryorder: 'array' },
      xaxis: { title: { text: options.yLabel }, tickvals: ticks, ticktext: ticks.map((t) => Math.abs(t).toLocaleString('en-GB')), range: [-largest * 1.1, largest * 1.1] },
    },
  };
};

function niceStep(raw: number): number {
  const power = 10 ** Math.floor(Math.log10(Math.max(raw, 1)));
  return [1, 2, 5, 10].map((m) => m * power).find((s) => s >= raw) ?? 10 * power;
}
