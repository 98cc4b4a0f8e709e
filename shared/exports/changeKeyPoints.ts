import type { JsonValue } from '../contracts/common';
import { num, text } from '../charts/common';
import type { KeyPointContext } from './keyPoints';

/*
 * Key points for the tested-change and comparison analyses. A change is only called a rise or a fall when it is
 * significant; otherwise the words are "no reliable change", whatever the percentage. Hidden (suppressed) values are
 * never described.
 */

type Row = Record<string, JsonValue>;
const one = (n: number) => n.toLocaleString('en-GB', { minimumFractionDigits: 1, maximumFractionDigits: 1 });
const two = (n: number) => n.toLocaleString('en-GB', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
const whole = (n: number) => Math.round(n).toLocaleString('en-GB');
const list = (items: string[]) => (items.length <= 1 ? items.join('') : `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`);
const signed = (n: number) => `${n >= 0 ? '+' : '−'}${one(Math.abs(n))}%`;
const per = (context: KeyPointContext) => `per ${(context.per ?? 1000).toLocaleString('en-GB')}`;

/** "Total recorded crime: 6,118 against 5,850 (+4.6%), a significant increase (rate ratio 1.05, interval 1.01 to 1.08)." */
export function changeSentence(r: Row): string | null {
  const [current, previous, ratio, lower, upper] = [num(r.current), num(r.previous), num(r.rate_ratio), num(r.ratio_lower), num(r.ratio_upper)];
  if (current === null || previous === null) return null;
  const change = text(r.change) || 'No reliable change';
  const pct = previous > 0 ? ` (${signed((100 * (current - previous)) / previous)})` : '';
  const interval = ratio !== null && lower !== null ? ` (rate ratio ${two(ratio)}, interval ${two(lower)} to ${upper === null ? 'unbounded' : two(upper)})` : '';
  const verdict = change === 'No reliable change' ? 'no reliable change' : `a ${change.toLowerCase()}`;
  return `${text(r.measure)}: ${whole(current)} in the latest 12 months against ${whole(previous)}${pct}, ${verdict}${interval}.`;
}

function rateChangePoints(rows: Row[]): string[] {
  const shown = rows.filter((r) => num(r.current) !== null && num(r.previous) !== null);
  if (!shown.length) return [];
  const points = [changeSentence(shown[0])!];
  const rest = shown.slice(1);
  const named = (change: string) => rest.filter((r) => text(r.change) === change).map((r) => `${text(r.measure)} (${num(r.previous)! > 0 ? signed((100 * (num(r.current)! - num(r.previous)!)) / num(r.previous)!) : 'new'})`);
  const up = named('Significant increase');
  const down = named('Significant decrease');
  if (up.length) points.push(`Significant increases: ${list(up)}.`);
  if (down.length) points.push(`Significant decreases: ${list(down)}.`);
  const steady = rest.filter((r) => text(r.change) === 'No reliable change' && num(r.previous)! > 0);
  if (steady.length) {
    const largest = [...steady].sort((a, b) => Math.abs(num(b.pct_change) ?? 0) - Math.abs(num(a.pct_change) ?? 0))[0];
    points.push(
      `No reliable change in the other ${steady.length} measure${steady.length === 1 ? '' : 's'}: even the largest percentage, ${text(largest.measure)} (${signed((100 * (num(largest.current)! - num(largest.previous)!)) / num(largest.previous)!)}), is within what chance gives.`,
    );
  }
  const trends = shown.filter((r) => text(r.five_year_trend) && text(r.five_year_trend) !== 'No significant change');
  if (trends.length) points.push(`Over five years (Fingertips' trend test): ${list(trends.map((r) => `${text(r.measure)} ${text(r.five_year_trend).toLowerCase()}`))}.`);
  return points;
}

function spcPoints(rows: Row[]): string[] {
  const shown = rows.filter((r) => num(r.count) !== null);
  if (!shown.length) return [];
  const last = shown[shown.length - 1];
  const measure = text(last.measure);
  const points = [`${measure}: ${whole(num(last.count)!)} in ${text(last.month)}; the mean is ${one(num(last.mean)!)} a month, with process limits ${one(num(last.lower_limit)!)} to ${one(num(last.upper_limit)!)}.`];
  const phases = [...new Set(rows.map((r) => num(r.phase)))];
  if (phases.length > 1) {
    const before = rows.find((r) => num(r.phase) === phases[0])!;
    const after = rows.find((r) => num(r.phase) === phases[1])!;
    points.push(`Limits recalculated from ${text(after.month)}: the mean was ${one(num(before.mean)!)} a month before and ${one(num(after.mean)!)} since.`);
  }
  const bySignal = new Map<string, string[]>();
  for (const r of rows) for (const s of text(r.signal).split('; ').filter(Boolean)) bySignal.set(s, [...(bySignal.get(s) ?? []), text(r.month)]);
  if (!bySignal.size) points.push('No special-cause variation: every month is within the limits, with no run, trend or two-of-three pattern; the months vary as usual.');
  for (const [signal, months] of bySignal) points.push(`${signal}: ${months.length === 1 ? months[0] : `${months[0]} to ${months[months.length - 1]} (${months.length} months)`}.`);
  return points;
}

function districtPoints(rows: Row[], context: KeyPointContext): string[] {
  const points: string[] = [];
  const area = rows.find((r) => r.is_area === true || text(r.is_area) === 'true');
  const force = num(rows.find((r) => num(r.force_rate) !== null)?.force_rate);
  if (area && num(area.rate) !== null && force !== null) {
    const verdict = text(area.comparison).toLowerCase();
    const word = verdict === 'similar' ? `similar to ${context.comparator}` : `${verdict} than ${context.comparator}`;
    points.push(`${text(area.district_name)}: ${one(num(area.rate)!)} ${per(context)}, ${word} (${one(force)}); ranked ${num(area.rank)} of ${rows.length} (1 = lowest).`);
  }
  const shown = rows.filter((r) => num(r.rate) !== null);
  const above = shown.filter((r) => num(r.rate)! > num(r.funnel_upper_998)!).map((r) => text(r.district_name));
  const below = shown.filter((r) => num(r.rate)! < num(r.funnel_lower_998)!).map((r) => text(r.district_name));
  if (above.length) points.push(`Above the 99.8% funnel limit: ${list(above)}.`);
  if (below.length) points.push(`Below the 99.8% funnel limit: ${list(below)}.`);
  if (!above.length && !below.length && shown.length) points.push('Every district is within the 99.8% funnel limits.');
  const method = text(rows[0]?.overdispersion);
  const phi = num(rows[0]?.phi);
  if (method === 'none' && above.length + below.length > shown.length / 2 && phi !== null) {
    points.push(`Most districts lie outside the limits (dispersion φ = ${one(phi)}): the districts differ by more than chance, so the overdispersion adjustment gives fairer limits.`);
  }
  return points;
}

function profilePoints(rows: Row[], context: KeyPointContext): string[] {
  const shown = rows.filter((r) => num(r.rate) !== null && num(r.comparator_rate) !== null);
  if (!shown.length) return [];
  const verdict = (v: string) => shown.filter((r) => text(r.comparison) === v).map((r) => text(r.measure));
  const [higher, lower, similar] = [verdict('Higher'), verdict('Lower'), verdict('Similar')];
  const points = [`Of ${shown.length} measures, ${context.area} is higher than ${context.comparator} on ${higher.length}, lower on ${lower.length} and similar on ${similar.length}.`];
  const total = shown.find((r) => text(r.measure_kind) === 'crime');
  if (total && num(total.rank) !== null) points.push(`Total recorded crime: ${one(num(total.rate)!)} ${per(context)} against ${one(num(total.comparator_rate)!)}, ranked ${num(total.rank)} of ${num(total.districts)} districts (1 = lowest).`);
  if (higher.length) points.push(`Higher than ${context.comparator}: ${list(higher)}.`);
  return points;
}

function exceptionPoints(rows: Row[], context: KeyPointContext): string[] {
  if (!rows.length) return [`No measure is significantly worse than ${context.comparator} or significantly worsening.`];
  const of = (e: string) => rows.filter((r) => text(r.exception) === e).map((r) => text(r.measure));
  const both = of('Worse than the comparator and worsening');
  const worse = of('Worse than the comparator');
  const worsening = of('Worsening');
  return [
    ...(both.length ? [`Significantly worse than ${context.comparator} and significantly worsening: ${list(both)}.`] : []),
    ...(worse.length ? [`Significantly worse than ${context.comparator} (a higher rate): ${list(worse)}.`] : []),
    ...(worsening.length ? [`Significantly worsening on the previous 12 months: ${list(worsening)}.`] : []),
  ];
}

/** One point per measure: "Domestic abuse: 11.2 per 1,000 against 15.8 in Staffordshire (lower), ranked 1 of 9; …". */
function priorityPoints(rows: Row[], context: KeyPointContext): string[] {
  return rows.flatMap((r) => {
    const [rate, force] = [num(r.rate), num(r.comparator_rate)];
    if (rate === null || force === null) return [];
    const verdict = text(r.comparison).toLowerCase();
    const direction = text(r.change) === 'No reliable change' ? 'no reliable change' : text(r.change).toLowerCase();
    const pct = num(r.pct_change);
    const wards = text(r.hotspot_wards);
    return [
      `${text(r.priority) === text(r.measure) ? text(r.measure) : `${text(r.priority)} — ${text(r.measure)}`}: ${one(rate)} ${per(context)} against ${one(force)} in ${context.comparator}${verdict ? ` (${verdict})` : ''}, ranked ${num(r.rank)} of ${num(r.districts)}; ${direction}${pct === null ? '' : ` (${signed(pct)})`} on the year before${wards ? `; hotspot wards ${wards}` : ''}.`,
    ];
  });
}

function matrixPoints(rows: Row[], context: KeyPointContext): string[] {
  const mine = rows.filter((r) => r.is_area === true || text(r.is_area) === 'true');
  const marked = (list: Row[]) => list.filter((r) => text(r.status) !== 'Not marked out');
  const points = [];
  const area = mine[0] ? text(mine[0].district_name) : context.area;
  const ours = marked(mine);
  points.push(ours.length ? `For ${area}, the data marks out: ${list(ours.map((r) => `${text(r.priority)} (${text(r.status).toLowerCase()})`))}.` : `For ${area}, the data marks out no candidate priority.`);
  const priorities = [...new Set(rows.map((r) => text(r.priority)))];
  const districts = new Set(rows.map((r) => text(r.district_code))).size;
  const widest = priorities.map((p) => ({ p, n: marked(rows.filter((r) => text(r.priority) === p)).length })).sort((a, b) => b.n - a.n)[0];
  if (widest && widest.n) points.push(`Across the force, ${widest.p} is marked out in ${widest.n} of ${districts} districts.`);
  return points;
}

function summaryPoints(rows: Row[]): string[] {
  const graded = rows.filter((r) => num(r.score) !== null);
  const ungraded = rows.filter((r) => num(r.score) === null).map((r) => text(r.priority));
  const points: string[] = [];
  if (graded.length) points.push(`Highest scores (MoRiLE): ${list(graded.slice(0, 5).map((r) => `${text(r.priority)} ${one(num(r.score)!)}${text(r.confidence) ? ` (confidence ${text(r.confidence)})` : ''}`))}.`);
  if (ungraded.length) points.push(`${graded.length ? 'Not yet graded' : 'No priority is graded yet'}: ${list(ungraded)}.`);
  const marked = rows.filter((r) => text(r.higher_measures) || text(r.rising_measures));
  if (marked.length) {
    const why = (r: Row) => [text(r.higher_measures) ? `higher: ${text(r.higher_measures)}` : '', text(r.rising_measures) ? `rising: ${text(r.rising_measures)}` : ''].filter(Boolean).join('; ');
    points.push(`The data marks out ${list(marked.map((r) => `${text(r.priority)} (${why(r)})`))}.`);
  }
  return points;
}

/** Key points for the analyses in this file, or null for another analysis (or an empty result it has no words for). */
export function changeKeyPoints(id: string, rows: Row[], context: KeyPointContext): string[] | null {
  if (id === 'exceptions') return exceptionPoints(rows, context);
  if (rows.length === 0) return null;
  switch (id) {
    case 'area-profile':
      return profilePoints(rows, context);
    case 'priority-profiles':
      return priorityPoints(rows, context);
    case 'priority-summary':
      return summaryPoints(rows);
    case 'priority-matrix':
      return matrixPoints(rows, context);
    case 'rate-change':
      return rateChangePoints(rows);
    case 'spc-monthly':
      return spcPoints(rows);
    case 'district-comparison':
      return districtPoints(rows, context);
    default:
      return null;
  }
}
