import type { JsonValue } from '../contracts/common';
import { num, text } from '../charts/common';
import type { Claim, KeyPoint } from './keyPointClaims';
import type { KeyPointContext, KeyPointMetadata } from './keyPoints';
import { perText } from './rateWords';
import { monthYear } from '../format/dates';

/*
 * Key points for the tested-change, comparison and priorities analyses, each with the claims the checker
 * (keyPointCheck.ts) holds to the table. A change is only called an increase or a decrease when its rate ratio's
 * exact interval excludes 1; otherwise the words are "no reliable change", whatever the percentage. Hidden
 * (suppressed) values are never described.
 */

type Row = Record<string, JsonValue>;
/** A row with its index in the section's rows: claims name rows by index, so the checker reads the same cells. */
interface At {
  i: number;
  r: Row;
}

const one = (n: number) => n.toLocaleString('en-GB', { minimumFractionDigits: 1, maximumFractionDigits: 1 });
const two = (n: number) => n.toLocaleString('en-GB', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
const whole = (n: number) => Math.round(n).toLocaleString('en-GB');
const list = (items: string[]) => (items.length <= 1 ? items.join('') : `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`);
const signedPct = (n: number) => `${n >= 0 ? '+' : '−'}${one(Math.abs(n))}%`;
const plural = (n: number, single: string, many: string) => (n === 1 ? single : many);
const value = (a: At, column: string) => num(a.r[column]);
const isArea = (a: At) => a.r.is_area === true || text(a.r.is_area) === 'true';

type Compare = Extract<Claim, { type: 'compare' }>;
type Ratio = Extract<Claim, { type: 'ratio' }>;

/** The row's rate against the comparator's, as its comparison column (the 95% interval) judges it. */
function compare(a: At, rate: string, against: string): Compare | null {
  const verdict = text(a.r.comparison).toLowerCase();
  if (value(a, rate) === null || value(a, against) === null || !['higher', 'lower', 'similar'].includes(verdict)) return null;
  return { type: 'compare', word: verdict as Compare['word'], row: a.i, column: rate, against: { row: a.i, column: against }, test: { verdict: 'comparison' } };
}
const compareWords = (claim: Compare, comparator: string) => (claim.word === 'similar' ? `similar to ${comparator}` : `${claim.word} than ${comparator}`);

/** The change on the previous 12 months, from the rate ratio's exact interval (null when there is none to test). */
function ratio(a: At): Ratio | null {
  const lower = value(a, 'ratio_lower');
  if (lower === null) return null;
  const upper = value(a, 'ratio_upper');
  return { type: 'ratio', word: lower > 1 ? 'rose' : upper !== null && upper < 1 ? 'fell' : 'unchanged', row: a.i, lower: 'ratio_lower', upper: 'ratio_upper' };
}
const ratioWords = (claim: Ratio) => (claim.word === 'rose' ? 'a significant increase' : claim.word === 'fell' ? 'a significant decrease' : 'no reliable change');
const interval = (a: At) => {
  const [r, lower, upper] = [value(a, 'rate_ratio'), value(a, 'ratio_lower'), value(a, 'ratio_upper')];
  return r === null || lower === null ? '' : `rate ratio ${two(r)}, interval ${two(lower)} to ${upper === null ? 'unbounded' : two(upper)}`;
};
const pctChange = (a: At, column = 'pct_change') => (value(a, column) === null ? 'new' : signedPct(value(a, column)!));

/** rate-change: the headline measure in full, then the significant changes, then the rest as no reliable change. */
function rateRatioPoints(rows: At[]): KeyPoint[] {
  const shown = rows.filter((a) => value(a, 'current') !== null && value(a, 'previous') !== null && ratio(a) !== null);
  const points: KeyPoint[] = [];
  const [first, ...rest] = shown;
  if (first) {
    const claim = ratio(first)!;
    points.push({
      text: `${text(first.r.measure)}: ${whole(value(first, 'current')!)} in the latest 12 months against ${whole(value(first, 'previous')!)}${value(first, 'pct_change') === null ? '' : ` (${pctChange(first)})`}, ${ratioWords(claim)} (${interval(first)}).`,
      claims: [claim],
    });
  }
  for (const word of ['rose', 'fell'] as const) {
    const these = rest.filter((a) => ratio(a)!.word === word);
    if (these.length) points.push({ text: `Significant ${word === 'rose' ? 'increases' : 'decreases'}: ${list(these.map((a) => `${text(a.r.measure)} (${pctChange(a)})`))}.`, claims: these.map((a) => ratio(a)!) });
  }
  const steady = rest.filter((a) => ratio(a)!.word === 'unchanged' && value(a, 'pct_change') !== null);
  if (steady.length) {
    // The largest percentage either way: the most a reader might take for a change.
    const largest = [...steady].sort((a, b) => Math.abs(value(b, 'pct_change')!) - Math.abs(value(a, 'pct_change')!))[0];
    points.push({
      text: `No reliable change in the other ${steady.length} ${plural(steady.length, 'measure', 'measures')} shown: even the largest percentage, ${text(largest.r.measure)} (${pctChange(largest)}), is within what chance gives.`,
      claims: [...steady.map((a) => ratio(a)!), { type: 'rank', word: 'largest', row: largest.i, column: 'pct_change', among: steady.map((a) => a.i), falls: value(largest, 'pct_change')! < 0 }],
    });
  }
  const trends = shown.filter((a) => text(a.r.five_year_trend) && text(a.r.five_year_trend) !== 'No significant change');
  if (trends.length) points.push({ text: `Over five years (Fingertips' trend test): ${list(trends.map((a) => `${text(a.r.measure)} ${text(a.r.five_year_trend).toLowerCase()}`))}.`, claims: [] });
  const hidden = rows.length - shown.length;
  if (hidden) points.push({ text: `Changes for ${hidden} ${plural(hidden, 'measure are', 'measures are')} hidden to protect small numbers, or have nothing to compare.`, claims: [] });
  return points;
}

/** spc-monthly: the latest month against its limits, the recalculation, and each signal with the months it covers. */
function spcPoints(rows: At[]): KeyPoint[] {
  const points: KeyPoint[] = [];
  const last = [...rows].reverse().find((a) => value(a, 'count') !== null);
  if (!last) return points;
  const limits = ['mean', 'lower_limit', 'upper_limit'].every((c) => value(last, c) !== null);
  points.push({
    text: `${text(last.r.measure)}: ${whole(value(last, 'count')!)} in ${monthYear(text(last.r.month))}${limits ? `; the mean is ${one(value(last, 'mean')!)} a month, with process limits ${one(value(last, 'lower_limit')!)} to ${one(value(last, 'upper_limit')!)}` : ''}.`,
    claims: [],
  });
  const phaseOf = (a: At) => text(a.r.phase);
  const phases = [...new Set(rows.map(phaseOf))];
  if (phases.length > 1) {
    const [before, after] = phases.map((p) => rows.find((a) => phaseOf(a) === p)!);
    if (value(before, 'mean') !== null && value(after, 'mean') !== null) {
      points.push({ text: `Limits recalculated from ${text(after.r.month)}: the mean was ${one(value(before, 'mean')!)} a month before and ${one(value(after, 'mean')!)} since.`, claims: [] });
    }
  }
  if (rows.some((a) => value(a, 'count') === null)) {
    points.push({ text: 'Some months are hidden to protect small numbers, so no signal is described.', claims: [] });
    return points;
  }
  const signals: { signal: string; phase: string; rows: At[] }[] = [];
  for (const a of rows) {
    for (const signal of text(a.r.signal).split('; ').filter(Boolean)) {
      const found = signals.find((s) => s.signal === signal && s.phase === phaseOf(a));
      if (found) found.rows.push(a);
      else signals.push({ signal, phase: phaseOf(a), rows: [a] });
    }
  }
  const claim = (signal: string, at: At[]): Claim => ({ type: 'signal', signal, rows: at.map((a) => a.i), column: 'count', phase: 'phase', verdict: 'signal' });
  if (!signals.length) {
    points.push({ text: 'No special-cause variation: every month is within the limits, with no run, trend or two-of-three pattern; the months vary as usual.', claims: phases.map((p) => claim('', rows.filter((a) => phaseOf(a) === p))) });
  }
  for (const { signal, rows: at } of signals) {
    const months = at.map((a) => monthYear(text(a.r.month)));
    const consecutive = at.every((a, k) => k === 0 || a.i === at[k - 1].i + 1);
    const when = months.length === 1 ? months[0] : consecutive ? `${months[0]} to ${months[months.length - 1]} (${months.length} months)` : list(months);
    points.push({ text: `${signal}: ${when}.`, claims: [claim(signal, at)] });
  }
  return points;
}

/** district-comparison: the area's rate, comparison and rank, then the districts outside the 99.8% funnel. */
function funnelPoints(rows: At[], context: KeyPointContext): KeyPoint[] {
  const points: KeyPoint[] = [];
  const shown = rows.filter((a) => value(a, 'rate') !== null);
  const area = shown.find(isArea);
  const lead = area && compare(area, 'rate', 'force_rate');
  if (area && lead && value(area, 'rank') !== null) {
    points.push({
      text: `${text(area.r.district_name)}: ${one(value(area, 'rate')!)} ${perText(context)}, ${compareWords(lead, context.comparator)} (${one(value(area, 'force_rate')!)}); ranked ${whole(value(area, 'rank')!)} of ${rows.length} (1 = lowest).`,
      claims: [lead, { type: 'position', row: area.i, column: 'rank', by: 'rate', among: rows.map((a) => a.i) }],
    });
  }
  const outside = (word: 'above' | 'below') => shown.filter((a) => {
    const limit = value(a, word === 'above' ? 'funnel_upper_998' : 'funnel_lower_998');
    return limit !== null && (word === 'above' ? value(a, 'rate')! > limit : value(a, 'rate')! < limit);
  });
  for (const word of ['above', 'below'] as const) {
    const these = outside(word);
    const limit = word === 'above' ? 'funnel_upper_998' : 'funnel_lower_998';
    if (these.length) {
      points.push({
        text: `${word === 'above' ? 'Above' : 'Below'} the 99.8% funnel limit: ${list(these.map((a) => `${text(a.r.district_name)} (${one(value(a, 'rate')!)} against ${one(value(a, limit)!)})`))}.`,
        claims: these.map((a) => ({ type: 'limit', word, row: a.i, column: 'rate', limit })),
      });
    }
  }
  const beyond = outside('above').length + outside('below').length;
  if (!beyond && shown.length) points.push({ text: `Every district shown is within the 99.8% funnel limits.`, claims: [] });
  const phi = rows.length ? value(rows[0], 'phi') : null;
  if (rows.length && text(rows[0].r.overdispersion) === 'none' && beyond > shown.length / 2 && phi !== null) {
    points.push({ text: `Most districts lie outside the limits (dispersion φ = ${one(phi)}): the districts differ by more than chance, so the overdispersion adjustment gives fairer limits.`, claims: [] });
  }
  const hidden = rows.length - shown.length;
  if (hidden) points.push({ text: `Rates for ${hidden} ${plural(hidden, 'district are', 'districts are')} hidden to protect small numbers and are not described.`, claims: [] });
  return points;
}

/** exceptions: the measures worse than the comparator, worsening, or both — each with its test. */
function exceptionPoints(rows: At[], context: KeyPointContext): KeyPoint[] {
  if (!rows.length) return [{ text: `No measure is significantly worse than ${context.comparator} or significantly worsening.`, claims: [] }];
  const unit = perText(context);
  const judged = rows.map((a) => ({ a, higher: compare(a, 'rate', 'comparator_rate'), change: ratio(a) }));
  const worse = (m: (typeof judged)[number]) => m.higher?.word === 'higher';
  const worsening = (m: (typeof judged)[number]) => m.change?.word === 'rose';
  const vs = (a: At) => `${one(value(a, 'rate')!)} vs ${one(value(a, 'comparator_rate')!)} ${unit}`;
  const points: KeyPoint[] = [];
  const both = judged.filter((m) => worse(m) && worsening(m));
  if (both.length) {
    points.push({
      text: `Higher than ${context.comparator} and a significant increase on the previous 12 months: ${list(both.map((m) => `${text(m.a.r.measure)} (${vs(m.a)}; ${interval(m.a)})`))}.`,
      claims: both.flatMap((m) => [m.higher!, m.change!]),
    });
  }
  const onlyWorse = judged.filter((m) => worse(m) && !worsening(m));
  if (onlyWorse.length) points.push({ text: `Higher than ${context.comparator}, by the 95% confidence interval: ${list(onlyWorse.map((m) => `${text(m.a.r.measure)} (${vs(m.a)})`))}.`, claims: onlyWorse.map((m) => m.higher!) });
  const onlyWorsening = judged.filter((m) => worsening(m) && !worse(m));
  if (onlyWorsening.length) points.push({ text: `A significant increase on the previous 12 months: ${list(onlyWorsening.map((m) => `${text(m.a.r.measure)} (${interval(m.a)})`))}.`, claims: onlyWorsening.map((m) => m.change!) });
  const hidden = judged.filter((m) => !worse(m) && !worsening(m)).length;
  if (hidden) points.push({ text: `Figures for ${hidden} of the ${rows.length} exceptions are hidden to protect small numbers.`, claims: [] });
  return points;
}

/** priority-profiles: one point per measure — its rate against the force, rank, tested change and hotspot wards. */
function priorityPoints(rows: At[], context: KeyPointContext): KeyPoint[] {
  return rows.map((a) => {
    const name = text(a.r.priority) === text(a.r.measure) ? text(a.r.measure) : `${text(a.r.priority)} (${text(a.r.measure)})`;
    const against = compare(a, 'rate', 'comparator_rate');
    if (!against) return { text: `${name}: the figures are hidden to protect small numbers, or there are none.`, claims: [] };
    const claims: Claim[] = [against];
    const rank = value(a, 'rank') !== null && value(a, 'districts') !== null ? `, ranked ${whole(value(a, 'rank')!)} of ${whole(value(a, 'districts')!)} districts (1 = lowest)` : '';
    if (rank) claims.push({ type: 'position', row: a.i, column: 'rank', by: 'rate', of: 'districts' });
    const change = ratio(a);
    if (change) claims.push(change);
    const direction = change ? `; ${ratioWords(change)} (${pctChange(a)}) on the previous 12 months` : '';
    const wards = text(a.r.hotspot_wards);
    return {
      text: `${name}: ${one(value(a, 'rate')!)} ${perText(context)} against ${one(value(a, 'comparator_rate')!)}, ${compareWords(against, context.comparator)}${rank}${direction}${wards ? `; hotspot wards ${wards}` : ''}.`,
      claims,
    };
  });
}

/** priority-matrix: what the data marks out for the area, and the priority marked out in the most districts. */
function matrixPoints(rows: At[], context: KeyPointContext): KeyPoint[] {
  const marked = (these: At[]) => these.filter((a) => text(a.r.status) !== 'Not marked out');
  const mine = rows.filter(isArea);
  const area = mine[0] ? text(mine[0].r.district_name) : context.area;
  const ours = marked(mine);
  const why = (a: At): { words: string; claims: Claim[] } => {
    const higher = (value(a, 'measures_higher') ?? 0) > 0;
    const rising = (value(a, 'measures_rising') ?? 0) > 0;
    const claims: Claim[] = [];
    if (higher) claims.push({ type: 'tally', word: 'higher', row: a.i, column: 'measures_higher' });
    if (rising) claims.push({ type: 'tally', word: 'rose', row: a.i, column: 'measures_rising' });
    return { words: [higher ? `higher than ${context.comparator}` : '', rising ? 'rising' : ''].filter(Boolean).join(' and '), claims };
  };
  const points: KeyPoint[] = [];
  if (ours.length) {
    const each = ours.map((a) => ({ a, ...why(a) }));
    points.push({ text: `For ${area}, the data marks out ${ours.length} of ${mine.length} candidate priorities: ${list(each.map((m) => `${text(m.a.r.priority)} (${m.words})`))}.`, claims: each.flatMap((m) => m.claims) });
  } else {
    points.push({ text: `For ${area}, the data marks out no candidate priority.`, claims: [] });
  }
  const priorities = [...new Set(rows.map((a) => text(a.r.priority)))];
  const districts = new Set(rows.map((a) => text(a.r.district_code))).size;
  const widest = priorities.map((p) => ({ p, n: marked(rows.filter((a) => text(a.r.priority) === p)).length })).sort((a, b) => b.n - a.n)[0];
  if (widest && widest.n) points.push({ text: `Across the force, ${widest.p} is marked out in ${widest.n} of ${districts} districts.`, claims: [] });
  return points;
}

/** priority-summary: the MoRiLE scores of the graded priorities, those not graded, and what the data marks out. */
function scorePoints(rows: At[]): KeyPoint[] {
  const graded = rows.filter((a) => value(a, 'score') !== null);
  const ungraded = rows.filter((a) => value(a, 'score') === null).map((a) => text(a.r.priority));
  const points: KeyPoint[] = [];
  if (graded.length) {
    const sorted = [...graded].sort((a, b) => value(b, 'score')! - value(a, 'score')!);
    const top = sorted.slice(0, 5);
    const describe = (a: At) => `${text(a.r.priority)} ${one(value(a, 'score')!)}${text(a.r.confidence) ? ` (confidence ${text(a.r.confidence)})` : ''}`;
    points.push({
      text: `Of the graded priorities shown, the highest score (MoRiLE) is ${describe(top[0])}${top.length > 1 ? `, then ${list(top.slice(1).map(describe))}` : ''}.`,
      claims: [{ type: 'rank', word: 'highest', row: top[0].i, column: 'score', among: graded.map((a) => a.i) }],
    });
  }
  if (ungraded.length) points.push({ text: `${graded.length ? 'Not yet graded' : 'No priority is graded yet'}: ${list(ungraded)}.`, claims: [] });
  const marked = rows.filter((a) => text(a.r.higher_measures) || text(a.r.rising_measures));
  const measures = (a: At) => [...new Set([...text(a.r.higher_measures).split(', '), ...text(a.r.rising_measures).split(', ')].filter(Boolean))];
  if (marked.length) points.push({ text: `The data marks out ${list(marked.map((a) => `${text(a.r.priority)} (on ${list(measures(a))})`))}; the profiles give the figures.`, claims: [] });
  return points;
}

/**
 * area-profile: the headline measure's place among the districts, after the comparison with the force
 * (rate-vs-comparator's points); the rank is checked against the districts' lowest and highest rates.
 */
export function areaRankPoints(rows: At[], context: KeyPointContext): KeyPoint[] {
  const total = rows.find((a) => text(a.r.measure_kind) === 'crime') ?? rows[0];
  if (!total || ['rate', 'comparator_rate', 'rank', 'districts'].some((c) => value(total, c) === null)) return [];
  return [
    {
      text: `${text(total.r.measure)}: ${one(value(total, 'rate')!)} ${perText(context)} against ${one(value(total, 'comparator_rate')!)}, ranked ${whole(value(total, 'rank')!)} of ${whole(value(total, 'districts')!)} districts (1 = lowest).`,
      claims: [{ type: 'position', row: total.i, column: 'rank', by: 'rate', of: 'districts', min: 'district_min', max: 'district_max' }],
    },
  ];
}

/** Key points for the tested-change and priorities kinds, or null for another kind. */
export function changeKeyPoints(metadata: KeyPointMetadata, rows: At[], context: KeyPointContext): KeyPoint[] | null {
  switch (metadata.key_points?.kind) {
    case 'rate-ratio':
      return rateRatioPoints(rows);
    case 'spc':
      return spcPoints(rows);
    case 'funnel':
      return funnelPoints(rows, context);
    case 'exceptions':
      return exceptionPoints(rows, context);
    case 'priority-profile':
      return priorityPoints(rows, context);
    case 'priority-matrix':
      return matrixPoints(rows, context);
    case 'priority-score':
      return scorePoints(rows);
    default:
      return null;
  }
}
