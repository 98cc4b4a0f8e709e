import type { AnalysisMetadata } from '../analyses/schema';
import type { JsonValue } from '../contracts/common';
import { num, text } from '../charts/common';
import { filteredRows, type ChartOptions, type Metadata } from '../charts/options';
import { defaultMeasures, fit, pairs } from '../charts/scatter';
import { areaRankPoints, changeKeyPoints } from './changeKeyPoints';
import { monthYear } from '../format/dates';
import { lowerFirst, withParameters } from '../format/labels';
import type { Claim, KeyPoint } from './keyPointClaims';
import { cohortName, personGroup } from './packLabels';
import { perText } from './rateWords';

export type { KeyPoint } from './keyPointClaims';

export interface KeyPointContext {
  area: string;
  comparator: string;
  /** Rate denominator, from the parameters (1000 or 10000). */
  per?: number;
  /** The parameters the analysis ran with (the flag a breakdown is of). */
  parameters?: Record<string, JsonValue>;
}

export type KeyPointMetadata = Metadata & Pick<AnalysisMetadata, 'key_points'>;
type Row = Record<string, JsonValue>;
/** A row with its index in the section's rows: claims name rows by index, so the checker reads the same cells. */
interface At {
  i: number;
  r: Row;
}

export const one = (n: number) => n.toLocaleString('en-GB', { minimumFractionDigits: 1, maximumFractionDigits: 1 });
export const whole = (n: number) => Math.round(n).toLocaleString('en-GB');
const pct = (n: number) => `${one(n)}%`;
const r2 = (n: number) => (n < 0 ? `−${Math.abs(n).toFixed(2)}` : n.toFixed(2));
const list = (items: string[]) => (items.length <= 1 ? items.join('') : `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`);
const unitOf = (metadata: Metadata, column: string | undefined) => metadata.columns.find((c) => c.name === column)?.unit;
/** The confidence level the analysis ran with ("99.8%"): a point never calls a 99.8% interval a 95% one. */
export const confidencePercent = (context: KeyPointContext): string => String(Number(((Number(context.parameters?.confidence) || 0.95) * 100).toFixed(3)));
const level = (context: KeyPointContext) => `${confidencePercent(context)}%`;
const plural = (n: number, one: string, many: string) => (n === 1 ? one : many);

/**
 * Plain-English key points for a board paper, written from the (already suppressed) numbers according to the kind
 * of measure the analysis declares, each with the claims the checker verifies. Hidden values are never described:
 * a point that would need one is left out, and a ranking says it is of the rows shown. The headline comes first.
 */
export function keyPointsFor(metadata: KeyPointMetadata, allRows: Row[], context: KeyPointContext, options?: Pick<ChartOptions, 'filterValue' | 'xMeasure' | 'yMeasure'>): KeyPoint[] {
  const indexed: At[] = allRows.map((r, i) => ({ i, r }));
  const chosen = new Set(filteredRows(metadata, allRows, { filterValue: options?.filterValue ?? metadata.chart.filter?.value }));
  const rows = indexed.filter((a) => chosen.has(a.r));
  // An empty list of exceptions is itself the finding.
  if (rows.length === 0 && metadata.key_points?.kind === 'exceptions') return changeKeyPoints(metadata, rows, context)!;
  if (rows.length === 0) return [{ text: 'The analysis returned no rows for these parameters.', claims: [] }];
  const points = (() => {
    switch (metadata.key_points?.kind) {
      case 'rate-vs-comparator':
        return rateVsComparator(metadata, rows, context);
      case 'area-profile': {
        const [first, ...rest] = rateVsComparator(metadata, rows, context);
        return [...(first ? [first] : []), ...areaRankPoints(rows, context), ...rest];
      }
      case 'share':
        return sharePoints(metadata, rows, context);
      case 'change':
        return changePoints(metadata, rows);
      case 'trend':
        return trendPoints(metadata, rows);
      case 'ranking':
        return rankingPoints(metadata, rows, context);
      case 'profile': // a breakdown (flag-profile, victim-offender-profile)
        return metadata.chart.type === 'pyramid' ? ageSexBreakdown(metadata, indexed) : cohortBreakdown(metadata, rows, context);
      case 'index':
        return indexPoints(metadata, rows, context);
      case 'correlation':
        return metadata.chart.type === 'scatter' ? scatterPoints(metadata, rows, options) : correlationPoints(metadata, rows);
      case 'repeat':
        return repeatPoints(metadata.id, rows);
      default:
        return changeKeyPoints(metadata, rows, context) ?? [];
    }
  })();
  const written = points.filter((p) => p.text !== '');
  // A slice whose every figure is hidden still says so, rather than leaving an empty heading.
  if (!written.length && metadata.key_points && rows.every((a) => value(a, metadata.chart.y) === null)) return [{ text: 'The figures here are hidden to protect small numbers, or missing, so none is described.', claims: [] }];
  return written;
}

/** The key points' text alone. */
export const keyPoints = (...args: Parameters<typeof keyPointsFor>): string[] => keyPointsFor(...args).map((p) => p.text);

const value = (a: At, column: string | undefined) => (column ? num(a.r[column]) : null);
const labelOf = (metadata: Metadata, column: string | undefined) => metadata.columns.find((c) => c.name === column)?.label ?? column ?? 'value';
const isPercent = (metadata: Metadata, column: string | undefined) => metadata.columns.find((c) => c.name === column)?.format === 'percent';

/**
 * The row the assessment leads with (the total, or the area itself beside its wards) and the members that are ranked
 * and counted: never the total, the comparator or a category the chart leaves out.
 */
export function headlineAndMembers(metadata: KeyPointMetadata, rows: At[]): { headline: At | undefined; members: At[] } {
  const spec = metadata.key_points;
  const x = metadata.chart.x;
  const excluded = new Set(metadata.chart.exclude ?? []);
  if (spec?.members) {
    const isMember = (a: At) => text(a.r[spec.members!.column]) === spec.members!.value;
    return { headline: rows.find((a) => !isMember(a)), members: rows.filter(isMember) };
  }
  const headline = spec?.headline ? rows.find((a) => text(a.r[x!]) === spec.headline) : undefined;
  return { headline, members: rows.filter((a) => a !== headline && !excluded.has(text(a.r[x!]))) };
}

const isSmall = (metadata: KeyPointMetadata, a: At) => {
  const spec = metadata.key_points;
  const base = spec?.base ? num(a.r[spec.base]) : null;
  return spec?.small_base !== undefined && base !== null && base < spec.small_base;
};

function rateVsComparator(metadata: KeyPointMetadata, rows: At[], context: KeyPointContext): KeyPoint[] {
  const { x, y, comparator } = metadata.chart;
  const unit = isPercent(metadata, y) ? '%' : ` ${perText(context, unitOf(metadata, y))}`;
  const { headline, members } = headlineAndMembers(metadata, rows);
  const compare = (a: At): Extract<Claim, { type: 'compare' }> | null => {
    const verdict = text(a.r.comparison).toLowerCase();
    if (value(a, y) === null || value(a, comparator) === null || !['higher', 'lower', 'similar'].includes(verdict)) return null;
    return { type: 'compare', word: verdict as 'higher' | 'lower' | 'similar', row: a.i, column: y!, against: { row: a.i, column: comparator! }, test: { verdict: 'comparison' } };
  };
  const vs = (a: At) => `${one(value(a, y)!)} vs ${one(value(a, comparator)!)}${unit}`;
  const points: KeyPoint[] = [];
  const lead = headline && compare(headline);
  if (headline && lead) {
    const word = lead.word === 'similar' ? `similar to ${context.comparator}` : `${lead.word} than ${context.comparator}`;
    points.push({ text: `The ${text(headline.r[x!]).toLowerCase()} rate is ${word}: ${vs(headline)}.`, claims: [lead] });
  }
  const judged = members.map((a) => ({ a, claim: compare(a) })).filter((m): m is { a: At; claim: Extract<Claim, { type: 'compare' }> } => m.claim !== null);
  const noun = metadata.key_points?.members_noun ?? 'categories';
  const by = (w: string) => judged.filter((m) => m.claim.word === w);
  if (judged.length) {
    const counts = (['higher', 'lower', 'similar'] as const).filter((w) => by(w).length).map((w, k) => `${by(w).length} ${k === 0 ? `${plural(by(w).length, 'is', 'are')} ` : ''}${w === 'similar' ? 'similar' : w}${k === 0 ? (w === 'similar' ? ` to ${context.comparator}` : ` than ${context.comparator}`) : ''}`);
    const hidden = members.length - judged.length;
    const shown = hidden ? ` shown (${hidden} hidden to protect small numbers)` : '';
    points.push({ text: `Of the ${judged.length} ${headline ? 'other ' : ''}${noun}${shown}, ${list(counts)}, by the ${level(context)} confidence interval.`, claims: judged.map((m) => m.claim) });
  }
  for (const w of ['higher', 'lower'] as const) {
    const these = by(w);
    if (these.length && these.length <= 8) points.push({ text: `${w === 'higher' ? 'Higher' : 'Lower'} than ${context.comparator}: ${list(these.map((m) => `${text(m.a.r[x!])} (${vs(m.a)})`))}.`, claims: these.map((m) => m.claim) });
  }
  return points;
}

/** Higher, lower or similar by the row's own interval against a comparator value. */
function intervalCompare(metadata: Metadata, a: At, against: { row: number; value: number | null; column: string }): Extract<Claim, { type: 'compare' }> | null {
  const { y, lower, upper } = metadata.chart;
  const [lo, hi] = [value(a, lower), value(a, upper)];
  if (value(a, y) === null || lo === null || hi === null || against.value === null) return null;
  const word = lo > against.value ? 'higher' : hi < against.value ? 'lower' : 'similar';
  return { type: 'compare', word, row: a.i, column: y!, against: { row: against.row, column: against.column }, test: { lower: lower!, upper: upper! } };
}

function sharePoints(metadata: KeyPointMetadata, rows: At[], context: KeyPointContext): KeyPoint[] {
  const { x, y, comparator } = metadata.chart;
  const spec = metadata.key_points!;
  const { headline, members } = headlineAndMembers(metadata, rows);
  const baseNoun = spec.base_noun ?? 'cases';
  const described = lowerFirst(labelOf(metadata, y).replace(/^%\s*/, '').replace(/^Share\s*/i, ''));
  const phrase = metadata.chart.y_label ? withParameters(metadata.chart.y_label, context.parameters).replace(/^%\s*/, '') : described;
  const points: KeyPoint[] = [];
  // The comparator: the row's own comparator column, or (area beside its wards) the comparator row.
  const comparatorRow = spec.members ? rows.find((a) => a !== headline && text(a.r[spec.members!.column]) !== spec.members!.value) : undefined;
  const against = (a: At) =>
    comparator ? { row: a.i, column: comparator, value: value(a, comparator) } : comparatorRow ? { row: comparatorRow.i, column: y!, value: value(comparatorRow, y) } : null;
  const verdictText = (claim: Extract<Claim, { type: 'compare' }>, v: number) =>
    claim.word === 'similar' ? `similar to ${context.comparator} (${pct(v)})` : `${claim.word} than ${context.comparator} (${pct(v)})`;
  const describe = (a: At, name: string): KeyPoint => {
    const to = against(a);
    const claim = to ? intervalCompare(metadata, a, to) : null;
    const interval = metadata.chart.lower && value(a, metadata.chart.lower) !== null ? `; ${level(context)} interval ${pct(value(a, metadata.chart.lower)!)} to ${pct(value(a, metadata.chart.upper)!)}` : '';
    return { text: `${name}: ${pct(value(a, y)!)} ${phrase}${claim && to ? `, ${verdictText(claim, to.value!)}` : ''}${interval}.`, claims: claim ? [claim] : [] };
  };
  if (headline && value(headline, y) !== null) points.push(describe(headline, spec.members ? context.area : text(headline.r[x!])));
  const noun = spec.members_noun ?? 'categories';
  const visible = members.filter((a) => value(a, y) !== null);
  const hidden = members.length - visible.length;
  const ranked = visible.filter((a) => !isSmall(metadata, a));
  if (!spec.members && comparator) {
    const judged = visible.map((a) => ({ a, claim: intervalCompare(metadata, a, against(a)!) })).filter((m): m is { a: At; claim: Extract<Claim, { type: 'compare' }> } => m.claim !== null);
    const higher = judged.filter((m) => m.claim.word === 'higher');
    if (higher.length) points.push({ text: `Higher than ${context.comparator}${headline ? `, of the other ${noun}` : ''}: ${list(higher.map((m) => `${text(m.a.r[x!])} (${pct(value(m.a, y)!)} vs ${pct(value(m.a, comparator)!)})`))}.`, claims: higher.map((m) => m.claim) });
  }
  if (ranked.length >= 2) {
    const sorted = [...ranked].sort((a, b) => value(b, y)! - value(a, y)!);
    const [top, bottom] = [sorted[0], sorted[sorted.length - 1]];
    const among = ranked.map((a) => a.i);
    const restricted = ranked.length < visible.length ? ` with at least ${whole(spec.small_base!)} ${baseNoun}` : '';
    const base = (a: At) => (spec.base && value(a, spec.base) !== null ? `, of ${whole(value(a, spec.base)!)} ${baseNoun}` : '');
    points.push({
      text: `Of the ${noun} shown${restricted}, the highest is ${text(top.r[x!])} (${pct(value(top, y)!)}${base(top)}) and the lowest ${text(bottom.r[x!])} (${pct(value(bottom, y)!)}${base(bottom)}).`,
      claims: [
        { type: 'rank', word: 'highest', row: top.i, column: y!, among },
        { type: 'rank', word: 'lowest', row: bottom.i, column: y!, among },
      ],
    });
  }
  const small = visible.filter((a) => isSmall(metadata, a));
  if (small.length) points.push({ text: `${small.length} of the ${noun} ${plural(small.length, 'has', 'have')} fewer than ${whole(spec.small_base!)} ${baseNoun}: their shares rest on small bases and are not ranked.`, claims: [] });
  // A slice of one row (a single offence subgroup) that is neither higher nor ranked is still described.
  if (!points.length && visible.length === 1) points.push(describe(visible[0], text(visible[0].r[x!])));
  if (hidden) points.push({ text: `Figures for ${hidden} of the ${noun} are hidden to protect small numbers.`, claims: [] });
  return points;
}

function changePoints(metadata: KeyPointMetadata, rows: At[]): KeyPoint[] {
  const { x, y } = metadata.chart;
  const spec = metadata.key_points!;
  const { headline, members } = headlineAndMembers(metadata, rows);
  const current = metadata.columns.find((c) => c.format === 'count' && c.name !== spec.base)?.name;
  const fromTo = (a: At) => (spec.base && current && value(a, spec.base) !== null && value(a, current) !== null ? `${whole(value(a, spec.base)!)} to ${whole(value(a, current)!)}` : '');
  const change = (a: At): Extract<Claim, { type: 'change' }> => ({ type: 'change', word: value(a, y)! > 0 ? 'rose' : value(a, y)! < 0 ? 'fell' : 'unchanged', row: a.i, column: y! });
  const points: KeyPoint[] = [];
  if (headline && value(headline, y) !== null) {
    const claim = change(headline);
    const how = claim.word === 'unchanged' ? 'was unchanged' : `${claim.word} by ${pct(Math.abs(value(headline, y)!))}`;
    points.push({ text: `${text(headline.r[x!])} ${how} on the previous 12 months (${fromTo(headline)}).`, claims: [claim] });
  }
  const visible = members.filter((a) => value(a, y) !== null);
  const steady = visible.filter((a) => !isSmall(metadata, a));
  const among = steady.map((a) => a.i);
  const qualifier = steady.length < visible.length ? ` of those with at least ${whole(spec.small_base!)} the year before` : '';
  for (const direction of ['rises', 'falls'] as const) {
    const these = steady.filter((a) => (direction === 'rises' ? value(a, y)! > 0 : value(a, y)! < 0)).sort((a, b) => (direction === 'rises' ? value(b, y)! - value(a, y)! : value(a, y)! - value(b, y)!)).slice(0, 3);
    if (!these.length) continue;
    points.push({
      text: `The largest ${direction}${qualifier}: ${list(these.map((a) => `${text(a.r[x!])} (${direction === 'rises' ? '+' : '−'}${pct(Math.abs(value(a, y)!))}, ${fromTo(a)})`))}.`,
      claims: [{ type: 'rank', word: 'largest', row: these[0].i, column: y!, among, falls: direction === 'falls' }, ...these.map(change)],
    });
  }
  const small = visible.filter((a) => isSmall(metadata, a) && value(a, y) !== 0);
  if (small.length) {
    points.push({ text: `From small bases (fewer than ${whole(spec.small_base!)} the year before), so not a reliable guide to a trend: ${list(small.map((a) => `${text(a.r[x!])} (${fromTo(a)})`))}.`, claims: [] });
  }
  const hidden = members.length - visible.length;
  if (hidden) points.push({ text: `Changes for ${hidden} ${plural(hidden, 'measure is', 'measures are')} hidden to protect small numbers.`, claims: [] });
  return points;
}

function trendPoints(metadata: KeyPointMetadata, rows: At[]): KeyPoint[] {
  const { x, y, y2 } = metadata.chart;
  const measure = text(rows[0].r.measure) || metadata.title;
  const last = [...rows].reverse().find((a) => value(a, y) !== null);
  if (!last) return [];
  const points: KeyPoint[] = [{ text: `${measure}: ${whole(value(last, y)!)} in ${monthYear(text(last.r[x!]))}.`, claims: [] }];
  if (y2) {
    const means = rows.filter((a) => value(a, y2) !== null);
    if (means.length >= 2) {
      const [from, to] = [means[0], means[means.length - 1]];
      const difference = value(to, y2)! - value(from, y2)!;
      const word = difference > 0 ? 'rose' : difference < 0 ? 'fell' : 'unchanged';
      points.push({
        text: `The rolling 12-month mean ${word === 'unchanged' ? 'was unchanged' : word} from ${one(value(from, y2)!)} (${monthYear(text(from.r[x!]))}) to ${one(value(to, y2)!)} (${monthYear(text(to.r[x!]))}).`,
        claims: [{ type: 'change', word, row: to.i, column: y2, from: from.i }],
      });
    }
  }
  return points;
}

function rankingPoints(metadata: KeyPointMetadata, rows: At[], context: KeyPointContext): KeyPoint[] {
  const { x, y, colour } = metadata.chart;
  const noun = metadata.key_points?.members_noun ?? 'wards';
  const visible = rows.filter((a) => value(a, y) !== null);
  const hidden = rows.length - visible.length;
  const among = visible.map((a) => a.i);
  const rate = metadata.columns.find((c) => c.name === y)?.format === 'rate' ? ` ${perText(context, unitOf(metadata, y))}` : '';
  const mean = visible.find((a) => num(a.r.mean_rate) !== null);
  const points: KeyPoint[] = [];
  const flagged = (flag: string) => visible.filter((a) => text(a.r[colour!]) === flag);
  const significant = flagged('Significantly above average');
  const above = flagged('Above average');
  const meanText = mean ? ` (the mean ward rate is ${one(num(mean.r.mean_rate)!)}${rate})` : '';
  const claim = (rowsFlagged: At[], ...flags: string[]): Claim => ({ type: 'flag', word: 'above', rows: rowsFlagged.map((a) => a.i), column: colour!, values: flags, among });
  if (colour) {
    points.push({
      text: `${significant.length + above.length} of the ${visible.length} ${noun} shown ${plural(significant.length + above.length, 'is', 'are')} above the ward average by more than one standard deviation${meanText}.`,
      claims: [claim([...significant, ...above], 'Significantly above average', 'Above average')],
    });
    if (significant.length) points.push({ text: `More than two standard deviations above: ${list(significant.map((a) => `${text(a.r[x!])} (${one(value(a, y)!)})`))}.`, claims: [claim(significant, 'Significantly above average')] });
    if (above.length) points.push({ text: `One to two standard deviations above: ${list(above.map((a) => `${text(a.r[x!])} (${one(value(a, y)!)})`))}.`, claims: [claim(above, 'Above average')] });
  }
  if (visible.length >= 2) {
    const sorted = [...visible].sort((a, b) => value(b, y)! - value(a, y)!);
    const [top, bottom] = [sorted[0], sorted[sorted.length - 1]];
    points.push({
      text: `Of the ${noun} shown, the highest rate is in ${text(top.r[x!])} (${one(value(top, y)!)}${rate}) and the lowest in ${text(bottom.r[x!])} (${one(value(bottom, y)!)}).`,
      claims: [
        { type: 'rank', word: 'highest', row: top.i, column: y!, among },
        { type: 'rank', word: 'lowest', row: bottom.i, column: y!, among },
      ],
    });
  }
  // Districts ranked within the force: where the area itself stands ("third-lowest") is the assessment's point.
  const own = visible.find((a) => a.r.is_area === true && num(a.r.rank) !== null);
  const lowest = [...visible].sort((a, b) => value(a, y)! - value(b, y)!)[0];
  if (own && lowest && visible.length >= 2) {
    points.unshift({
      text: `${text(own.r[x!])} is ranked ${whole(num(own.r.rank)!)} of the ${visible.length} ${noun} shown, where 1 is the lowest rate (${one(value(own, y)!)}${rate}).`,
      claims: [{ type: 'rank', word: 'lowest', row: lowest.i, column: y!, among }],
    });
  }
  if (hidden) points.push({ text: `Rates for ${hidden} ${plural(hidden, noun.replace(/s$/, '') + ' is', noun + ' are')} hidden to protect small numbers and are not described.`, claims: [] });
  return points;
}

/** A cohort's offence mix (flag-profile's breakdown): the cohort named, its size, and its largest groups. */
function cohortBreakdown(metadata: KeyPointMetadata, rows: At[], context: KeyPointContext): KeyPoint[] {
  const { x, y, series } = metadata.chart;
  const count = metadata.columns.find((c) => c.format === 'count')?.name;
  const cohort = cohortName(context.parameters?.flag);
  const groups = rows.filter((a) => !series || text(a.r[series]) === '');
  const visible = groups.filter((a) => value(a, y) !== null);
  const points: KeyPoint[] = [];
  if (count && groups.length && groups.every((a) => value(a, count) !== null)) {
    const total = groups.reduce((sum, a) => sum + value(a, count)!, 0);
    points.push({ text: `${cohort.charAt(0).toUpperCase()}${cohort.slice(1)} in ${context.area}: ${whole(total)} crimes in the period.`, claims: [{ type: 'sum', rows: groups.map((a) => a.i), column: count }] });
  }
  if (visible.length) {
    const sorted = [...visible].sort((a, b) => value(b, y)! - value(a, y)!).slice(0, 3);
    const [top, ...next] = sorted;
    const then = next.length ? `, then ${list(next.map((a) => `${text(a.r[x!])} (${pct(value(a, y)!)})`))}` : '';
    points.push({
      text: `${text(top.r[x!])} is the largest offence group${visible.length < groups.length ? ' shown' : ''} among ${cohort}: ${pct(value(top, y)!)} of them${then}.`,
      claims: [{ type: 'rank', word: 'largest', row: top.i, column: y!, among: visible.map((a) => a.i) }],
    });
  }
  const hidden = groups.length - visible.length;
  if (hidden) points.push({ text: `Figures for ${hidden} offence ${plural(hidden, 'group are', 'groups are')} hidden to protect small numbers.`, claims: [] });
  return points;
}

/** Victims and offenders by age and sex: both halves, each naming who is counted. */
function ageSexBreakdown(metadata: KeyPointMetadata, rows: At[]): KeyPoint[] {
  const { x, y, series } = metadata.chart;
  const share = metadata.columns.find((c) => c.format === 'percent')?.name;
  const roles = [...new Set(rows.map((a) => text(a.r.role)))].filter(Boolean);
  return roles.flatMap((role): KeyPoint[] => {
    const ofRole = rows.filter((a) => text(a.r.role) === role);
    const visible = ofRole.filter((a) => value(a, y) !== null);
    if (!visible.length) return [];
    const people = role === 'victim' ? 'victims' : role === 'offender' ? 'offenders' : `${role}s`;
    const top = [...visible].sort((a, b) => value(b, y)! - value(a, y)!).slice(0, 3);
    const describe = (a: At, k: number) => `${personGroup(text(a.r[series!]), text(a.r[x!]))} (${whole(value(a, y)!)}${share && value(a, share) !== null ? `, ${pct(value(a, share)!)}${k === 0 ? ` of ${people}` : ''}` : ''})`;
    const hidden = ofRole.length - visible.length;
    return [
      {
        text: `${people.charAt(0).toUpperCase()}${people.slice(1)}: the largest groups are ${list(top.map(describe))}${hidden ? ` (of the groups shown; ${hidden} hidden to protect small numbers)` : ''}.`,
        claims: [{ type: 'rank', word: 'largest', row: top[0].i, column: y!, among: visible.map((a) => a.i) }],
      },
    ];
  });
}

function indexPoints(metadata: KeyPointMetadata, rows: At[], context: KeyPointContext): KeyPoint[] {
  const { x, y, reference } = metadata.chart;
  const spec = metadata.key_points!;
  const victimsShare = metadata.columns.find((c) => c.name === 'pct_victims')?.name;
  const populationShare = metadata.columns.find((c) => c.name === 'pct_population')?.name;
  const count = spec.base;
  const ref = reference ?? 100;
  const indexed = rows.filter((a) => value(a, y) !== null);
  const points: KeyPoint[] = [];
  const noun = spec.members_noun ?? 'groups';
  if (!indexed.length) {
    points.push({ text: `There is no population data for the ${noun} in ${context.area}, so how far victims are in proportion to residents cannot be measured.`, claims: [] });
    const withVictims = rows.filter((a) => value(a, victimsShare) !== null);
    if (withVictims.length) {
      const top = [...withVictims].sort((a, b) => value(b, victimsShare)! - value(a, victimsShare)!)[0];
      points.push({
        text: `The largest share of victims is in ${text(top.r[x!])}: ${pct(value(top, victimsShare)!)} of victims${count && value(top, count) !== null ? ` (${whole(value(top, count)!)})` : ''}.`,
        claims: [{ type: 'rank', word: 'largest', row: top.i, column: victimsShare!, among: withVictims.map((a) => a.i) }],
      });
    }
    return points;
  }
  const steady = indexed.filter((a) => !isSmall(metadata, a));
  const among = steady.map((a) => a.i);
  const sorted = [...steady].sort((a, b) => value(b, y)! - value(a, y)!);
  const shares = (a: At) => (victimsShare && populationShare && value(a, victimsShare) !== null && value(a, populationShare) !== null ? `: ${pct(value(a, victimsShare)!)} of victims against ${pct(value(a, populationShare)!)} of residents` : '');
  const qualifier = steady.length < indexed.length ? ` (of the groups with at least ${whole(spec.small_base!)} victims)` : '';
  const top = sorted[0];
  const bottom = sorted[sorted.length - 1];
  if (top && value(top, y)! > ref) {
    points.push({
      text: `Victims are most over-represented in ${text(top.r[x!])}${qualifier}${shares(top)} (index ${whole(value(top, y)!)}; ${whole(ref)} = in proportion).`,
      claims: [
        { type: 'index', word: 'over-represented', row: top.i, column: y!, reference: ref },
        { type: 'rank', word: 'highest', row: top.i, column: y!, among },
      ],
    });
  }
  if (bottom && bottom !== top && value(bottom, y)! < ref) {
    points.push({
      text: `They are most under-represented in ${text(bottom.r[x!])}${shares(bottom)} (index ${whole(value(bottom, y)!)}).`,
      claims: [
        { type: 'index', word: 'under-represented', row: bottom.i, column: y!, reference: ref },
        { type: 'rank', word: 'lowest', row: bottom.i, column: y!, among },
      ],
    });
  }
  const missing = rows.length - indexed.length;
  if (missing) points.push({ text: `${missing} of the ${noun} have no index (no population data, or hidden to protect small numbers).`, claims: [] });
  return points;
}

const strength = (r: number) => (Math.abs(r) >= 0.7 ? 'strong' : Math.abs(r) >= 0.4 ? 'moderate' : 'weak');
const direction = (r: number) => (r < 0 ? 'negative' : 'positive');

/** Correlations across wards (SPI against crime): r is a correlation, never a change; few wards carry a caveat. */
function correlationPoints(metadata: KeyPointMetadata, rows: At[]): KeyPoint[] {
  const { x, y } = metadata.chart;
  const spec = metadata.key_points!;
  const against = text(rows[0].r[metadata.chart.filter?.column ?? '']) || 'the measure';
  const visible = rows.filter((a) => value(a, y) !== null);
  if (!visible.length) return [{ text: `Too few wards have both measures to correlate them with ${against}.`, claims: [] }];
  const top = [...visible].sort((a, b) => Math.abs(value(b, y)!) - Math.abs(value(a, y)!)).slice(0, 3);
  const n = (a: At) => (spec.base ? value(a, spec.base) ?? 0 : 0);
  const claim = (a: At): Claim => ({ type: 'correlation', words: [strength(value(a, y)!), direction(value(a, y)!)], r: value(a, y)!, row: a.i, column: y!, n: n(a) });
  // The number of wards is a count, so it may itself be hidden as small: then it is few, and the caveat stands.
  const across = (a: At) => (spec.base && value(a, spec.base) === null ? 'across only a few wards, so treat with caution' : `across ${whole(n(a))} wards${isSmall(metadata, a) ? ': only a few wards, so treat with caution' : ''}`);
  const describe = (a: At) => `${text(a.r[x!])} (r = ${r2(value(a, y)!)}, ${strength(value(a, y)!)} ${direction(value(a, y)!)}, ${across(a)})`;
  return [
    { text: `The closest correlations with ${lowerFirst(against)} across wards: ${list(top.map(describe))}.`, claims: top.map(claim) },
    { text: 'A correlation across wards shows that two measures vary together, not that one causes the other.', claims: [] },
  ];
}

function scatterPoints(metadata: KeyPointMetadata, rows: At[], options?: Pick<ChartOptions, 'xMeasure' | 'yMeasure'>): KeyPoint[] {
  const chart = metadata.chart;
  const plain = rows.map((a) => a.r);
  const chosen = options?.xMeasure && options.yMeasure ? { xMeasure: options.xMeasure, yMeasure: options.yMeasure } : defaultMeasures(plain, chart);
  const points = pairs(plain, chart, chosen.xMeasure, chosen.yMeasure);
  const line = fit(points);
  if (!line) return [{ text: 'Too few wards have both measures to correlate them.', claims: [] }];
  const caveat = points.length < (metadata.key_points?.small_base ?? 0) ? ', from only a few wards, so treat with caution' : '';
  return [
    {
      text: `Across the ${points.length} wards, ${chosen.xMeasure} and ${chosen.yMeasure} have a ${strength(line.r)} ${direction(line.r)} correlation (r = ${r2(line.r)})${caveat}.`,
      claims: [{ type: 'correlation', words: [strength(line.r), direction(line.r)], r: line.r, n: points.length, measures: [chosen.xMeasure, chosen.yMeasure] }],
    },
  ];
}

function repeatPoints(id: string, rows: At[]): KeyPoint[] {
  const [people, share, crimes] = id === 'repeat-victims' ? ['victims', 'pct_repeat_victims', 'pct_crimes_against_repeat_victims'] : ['offenders', 'pct_repeat_offenders', 'pct_crimes_by_repeat_offenders'];
  const verb = id === 'repeat-victims' ? 'were the victims in' : 'were responsible for';
  return rows.slice(0, 3).flatMap((a) =>
    num(a.r[share]) === null || num(a.r[crimes]) === null ? [] : [{ text: `${text(a.r.cohort)}: ${Math.round(num(a.r[share])!)}% of ${people} were repeat ${people} and ${verb} ${Math.round(num(a.r[crimes])!)}% of the crimes.`, claims: [] }],
  );
}
