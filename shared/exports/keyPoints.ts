import type { JsonValue } from '../contracts/common';
import { num, text } from '../charts/common';
import { filteredRows, type ChartOptions, type Metadata } from '../charts/options';
import { defaultMeasures, fit, pairs } from '../charts/scatter';
import { changeKeyPoints } from './changeKeyPoints';

export interface KeyPointContext {
  area: string;
  comparator: string;
  /** Rate denominator, from the parameters (1000 or 10000). */
  per?: number;
}

const one = (n: number) => n.toLocaleString('en-GB', { minimumFractionDigits: 1, maximumFractionDigits: 1 });
const whole = (n: number) => Math.round(n).toLocaleString('en-GB');
const list = (items: string[]) => (items.length <= 1 ? items.join('') : `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`);
const per = (context: KeyPointContext) => `per ${(context.per ?? 1000).toLocaleString('en-GB')}`;

/**
 * Plain-English key points for a board paper, written from the (already suppressed) numbers: what a reader should
 * take from the table. Hidden values are never described; a point that would need one is left out.
 */
export function keyPoints(metadata: Metadata, allRows: Record<string, JsonValue>[], context: KeyPointContext, options?: Pick<ChartOptions, 'filterValue' | 'xMeasure' | 'yMeasure'>): string[] {
  const chart = metadata.chart;
  const rows = filteredRows(metadata, allRows, { filterValue: options?.filterValue ?? chart.filter?.value });
  const change = changeKeyPoints(metadata.id, rows, context);
  if (change) return change;
  if (rows.length === 0) return ['The analysis returned no rows for these parameters.'];
  switch (metadata.id) {
    case 'repeat-victims':
    case 'repeat-offenders':
      return repeatPoints(metadata.id, rows);
  }
  switch (chart.type) {
    case 'interval-bars':
      return chart.comparator && metadata.columns.some((c) => c.name === 'comparison') ? comparisonPoints(metadata, rows, context) : rankingPoints(metadata, rows, '');
    case 'ward-ranking':
      return wardPoints(metadata, rows);
    case 'trend':
      return trendPoints(metadata, rows);
    case 'scatter': {
      const chosen = options?.xMeasure && options.yMeasure ? { xMeasure: options.xMeasure, yMeasure: options.yMeasure } : defaultMeasures(rows, chart);
      const line = fit(pairs(rows, chart, chosen.xMeasure, chosen.yMeasure));
      if (!line) return ['Too few wards have both measures to correlate them.'];
      const strength = Math.abs(line.r) >= 0.7 ? 'strong' : Math.abs(line.r) >= 0.4 ? 'moderate' : 'weak';
      return [`Across the wards, ${chosen.xMeasure} and ${chosen.yMeasure} have a ${strength} ${line.r < 0 ? 'negative' : 'positive'} correlation (r = ${line.r.toFixed(2)}).`];
    }
    case 'pyramid':
    case 'stacked':
      return largestPoints(metadata, rows);
    default:
      return rankingPoints(metadata, rows, chart.reference === 0 ? 'change' : '');
  }
}

function comparisonPoints(metadata: Metadata, rows: Record<string, JsonValue>[], context: KeyPointContext): string[] {
  const { x, y, comparator } = metadata.chart;
  const unit = metadata.columns.find((c) => c.name === y)?.format === 'percent' ? '%' : ` ${per(context)}`;
  const points: string[] = [];
  const [first, ...rest] = rows;
  const verdict = text(first.comparison).toLowerCase();
  if (num(first[y!]) !== null && num(first[comparator!]) !== null && verdict) {
    const word = verdict === 'similar' ? `similar to ${context.comparator}` : `${verdict} than ${context.comparator}`;
    points.push(`The ${text(first[x!]).toLowerCase()} rate is ${word}: ${one(num(first[y!])!)} vs ${one(num(first[comparator!])!)}${unit}.`);
  }
  const byVerdict = (v: string) => rest.filter((r) => text(r.comparison) === v).map((r) => text(r[x!]));
  const higher = byVerdict('Higher');
  const lower = byVerdict('Lower');
  const similar = byVerdict('Similar');
  if (rest.length) points.push(`Of the other ${rest.length} categories, ${higher.length} ${higher.length === 1 ? 'is' : 'are'} higher than ${context.comparator}, ${lower.length} lower and ${similar.length} similar.`);
  if (higher.length) points.push(`Higher than ${context.comparator}: ${list(higher)}.`);
  return points;
}

function wardPoints(metadata: Metadata, rows: Record<string, JsonValue>[]): string[] {
  const { x, y, colour } = metadata.chart;
  const shown = rows.filter((r) => num(r[y!]) !== null).sort((a, b) => num(b[y!])! - num(a[y!])!);
  const flagged = (f: string) => rows.filter((r) => text(r[colour!]) === f).map((r) => text(r[x!]));
  const significant = flagged('Significantly above average');
  const above = flagged('Above average');
  const points = [`${significant.length + above.length} of ${rows.length} wards are above the ward average by more than one standard deviation.`];
  if (significant.length) points.push(`Significantly above average (more than two SD): ${list(significant)}.`);
  if (above.length) points.push(`Above average: ${list(above)}.`);
  if (shown.length) points.push(`The highest rate is in ${text(shown[0][x!])} (${one(num(shown[0][y!])!)}), the lowest in ${text(shown[shown.length - 1][x!])} (${one(num(shown[shown.length - 1][y!])!)}).`);
  return points;
}

function trendPoints(metadata: Metadata, rows: Record<string, JsonValue>[]): string[] {
  const { x, y, y2 } = metadata.chart;
  const measure = text(rows[0].measure) || metadata.title;
  const last = [...rows].reverse().find((r) => num(r[y!]) !== null);
  if (!last) return [];
  const points = [`${measure}: ${whole(num(last[y!])!)} in ${text(last[x!])}.`];
  if (y2) {
    const means = rows.filter((r) => num(r[y2]) !== null);
    if (means.length >= 2) {
      const [from, to] = [means[0], means[means.length - 1]];
      const change = (100 * (num(to[y2])! - num(from[y2])!)) / num(from[y2])!;
      points.push(`The rolling 12-month mean went from ${one(num(from[y2])!)} (${text(from[x!])}) to ${one(num(to[y2])!)} (${text(to[x!])}), ${change >= 0 ? 'up' : 'down'} ${one(Math.abs(change))}%.`);
    }
  }
  return points;
}

function repeatPoints(id: string, rows: Record<string, JsonValue>[]): string[] {
  const [people, share, crimes] = id === 'repeat-victims' ? ['victims', 'pct_repeat_victims', 'pct_crimes_against_repeat_victims'] : ['offenders', 'pct_repeat_offenders', 'pct_crimes_by_repeat_offenders'];
  const verb = id === 'repeat-victims' ? 'were the victims in' : 'were responsible for';
  return rows.slice(0, 3).flatMap((r) =>
    num(r[share]) === null || num(r[crimes]) === null ? [] : [`${text(r.cohort)}: ${Math.round(num(r[share])!)}% of ${people} were repeat ${people} and ${verb} ${Math.round(num(r[crimes])!)}% of the crimes.`],
  );
}

function largestPoints(metadata: Metadata, rows: Record<string, JsonValue>[]): string[] {
  const { x, y, series } = metadata.chart;
  const parts = rows.filter((r) => num(r[y!]) !== null && (!series || text(r[series]) !== '' || !rows.some((o) => o !== r && text(o[x!]) === text(r[x!]))));
  const top = [...parts].sort((a, b) => num(b[y!])! - num(a[y!])!).slice(0, 3);
  const name = (r: Record<string, JsonValue>) => [text(r[x!]), series ? text(r[series]) : ''].filter(Boolean).join(', ');
  const isPct = metadata.columns.find((c) => c.name === y)?.format === 'percent';
  return top.length ? [`The largest: ${list(top.map((r) => `${name(r)} (${isPct ? `${Math.round(num(r[y!])!)}%` : whole(num(r[y!])!)})`))}.`] : [];
}

function rankingPoints(metadata: Metadata, rows: Record<string, JsonValue>[], kind: '' | 'change'): string[] {
  const { x, y } = metadata.chart;
  const shown = rows.filter((r) => num(r[y!]) !== null);
  if (!shown.length) return [];
  const first = shown[0];
  const label = metadata.columns.find((c) => c.name === y)?.label ?? y ?? 'value';
  if (kind === 'change') {
    const value = num(first[y!])!;
    const rises = shown.slice(1).filter((r) => num(r[y!])! > 0).sort((a, b) => num(b[y!])! - num(a[y!])!).slice(0, 3);
    return [
      `${text(first[x!])} ${value >= 0 ? 'rose' : 'fell'} by ${one(Math.abs(value))}% on the previous 12 months.`,
      ...(rises.length ? [`The largest rises: ${list(rises.map((r) => `${text(r[x!])} (${one(num(r[y!])!)}%)`))}.`] : []),
    ];
  }
  const sorted = [...shown].sort((a, b) => num(b[y!])! - num(a[y!])!);
  return [`Highest ${label.toLowerCase()}: ${text(sorted[0][x!])} (${one(num(sorted[0][y!])!)}); lowest: ${text(sorted[sorted.length - 1][x!])} (${one(num(sorted[sorted.length - 1][y!])!)}).`];
}
