import type { JsonValue } from '../contracts/common';
import { num, text } from '../charts/common';
import { filteredRows, type ChartOptions } from '../charts/options';
import { fit, pairs } from '../charts/scatter';
import { xmrSignals } from '../stats/spc';
import { monthYear } from '../format/dates';
import { claimWords, comparativeWords, type Claim, type KeyPoint } from './keyPointClaims';
import { confidencePercent, headlineAndMembers, type KeyPointContext, type KeyPointMetadata } from './keyPoints';
import { ratePopulation } from './rateWords';

type Row = Record<string, JsonValue>;

export interface KeyPointProblem {
  point: string;
  problem: string;
}

const numeric = new Set(['count', 'rate', 'percent', 'number']);
/** Words a key point may use for a comparison it makes, by the claim word that backs them. */
const synonyms: Record<string, string> = { rise: 'rose', rises: 'rose', increase: 'rose', increased: 'rose', increases: 'rose', fall: 'fell', falls: 'fell', decrease: 'fell', decreased: 'fell', decreases: 'fell', smallest: 'lowest' };
/** Stated constants of a kind's wording: the funnel's outer limit, the XmR limits' multiplier. */
const kindConstants: Record<string, number[]> = { funnel: [99.8], spc: [2.66] };
const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * Holds key points to their table: every number in a point is a visible cell of the section's table at the precision
 * shown (or a count of its rows, a sum of visible cells, a correlation of visible values, or a stated constant), and
 * every comparative word is backed by a claim that agrees with the numbers and the significance test it cites.
 * Totals and comparators are never ranked with their members, a ranking with hidden members says it is of those
 * shown, small bases carry their caveat, hidden cells are never described, and the headline comes first.
 * Returns the problems; none means the points may be printed.
 */
export function checkKeyPoints(
  metadata: KeyPointMetadata,
  rows: Row[],
  points: KeyPoint[],
  context: KeyPointContext & { hidden?: readonly { row: number; column: string }[] },
  options?: Pick<ChartOptions, 'filterValue'>,
): KeyPointProblem[] {
  const problems: KeyPointProblem[] = [];
  const hidden = new Set((context.hidden ?? []).map((h) => `${h.row}\u0000${h.column}`));
  const cell = (row: number, column: string): number | null => (hidden.has(`${row}\u0000${column}`) || !rows[row] ? null : num(rows[row][column]));
  const spec = metadata.key_points;
  const format = (column: string) => metadata.columns.find((c) => c.name === column)?.format;

  // Label text (names of offence groups, wards, months, measures) is taken out before numbers and words are read.
  const verdictColumns = new Set(['comparison', metadata.chart.colour ?? '', ...(spec?.verdicts ?? []), ...metadata.columns.filter((c) => c.format === 'flag').map((c) => c.name)]);
  const labels = [
    ...new Set(
      [
        // A label as the data has it and as the points write it ("2019-03" is written "March 2019").
        ...rows.flatMap((r) => metadata.columns.filter((c) => !numeric.has(c.format) && !verdictColumns.has(c.name)).flatMap((c) => [text(r[c.name]), monthYear(text(r[c.name]))])),
        context.area,
        context.comparator,
        // Whom a rate is of ("residents under 18"): words of the unit, not figures of the table.
        ...metadata.columns.map((c) => ratePopulation(c.unit) ?? ''),
        ...Object.values(context.parameters ?? {}).map((v) => text(v)),
      ].filter((s) => s.length > 1),
    ),
  ].sort((a, b) => b.length - a.length);
  // Case apart: a point may begin a label with a capital or write it in lower case mid-sentence ("the youth
  // offenders (under 18) rate"), and its figures ("18") are then still the label's, not the table's.
  // A label is taken out only where it is not part of a longer number: a parameter "24" must not turn "248.7" into "8.7".
  const unlabelled = (s: string) => labels.reduce((out, label) => out.replace(new RegExp(`(?<![\\d.,])${escape(label)}(?![\\d]|[.,]\\d)`, 'gi'), ' § '), s);

  const constants = new Set([12, 95, confidencePercent(context), 100, context.per ?? (Number(context.parameters?.per) || 1000), spec?.small_base ?? -1, metadata.chart.reference ?? -1, ...(kindConstants[spec?.kind ?? ''] ?? [])].map((n) => String(n)));
  const filtered = new Set(filteredRows(metadata, rows, { filterValue: options?.filterValue ?? metadata.chart.filter?.value }));
  const indexed = rows.map((r, i) => ({ i, r }));
  const { headline, members } = headlineAndMembers(metadata, indexed.filter((a) => filtered.has(a.r)));
  const memberRows = new Set(members.map((a) => a.i));
  const banned = new Set(indexed.filter((a) => filtered.has(a.r) && !memberRows.has(a.i)).map((a) => a.i));
  const small = (row: number) => spec?.small_base !== undefined && spec.base !== undefined && cell(row, spec.base) !== null && cell(row, spec.base)! < spec.small_base;

  for (const [k, point] of points.entries()) {
    const fail = (problem: string) => problems.push({ point: point.text, problem });
    if (!point.text.trim()) fail('the point is empty');
    if (/\b(NaN|undefined|null|Infinity)\b|\[object /.test(point.text)) fail('the point shows a value that is not a number');
    const body = unlabelled(point.text);

    // Figures the claims compute from visible cells.
    const computed: string[] = [];
    for (const claim of point.claims) {
      if (claim.type === 'sum' && claim.rows.every((r) => cell(r, claim.column) !== null)) computed.push(String(Math.round(claim.rows.reduce((s, r) => s + cell(r, claim.column)!, 0))));
      if (claim.type === 'correlation') computed.push(Math.abs(claim.r).toFixed(2), String(claim.n));
    }
    for (const token of body.match(/[+−-]?\d[\d,]*(?:\.\d+)?%?/g) ?? []) {
      const percent = token.endsWith('%');
      const digits = token.replace(/^[+−-]/, '').replace(/%$/, '').replace(/,/g, '');
      const decimals = digits.includes('.') ? digits.split('.')[1].length : 0;
      const matches = metadata.columns.filter((c) => numeric.has(c.format) && rows.some((_, r) => cell(r, c.name) !== null && Math.abs(cell(r, c.name)!).toFixed(decimals) === digits));
      const ok =
        (percent ? matches.some((c) => c.format === 'percent') : matches.some((c) => c.format !== 'percent')) ||
        constants.has(digits) ||
        (!percent && (computed.includes(digits) || (decimals === 0 && Number(digits) <= rows.length)));
      if (!ok) fail(`${token} is not a figure of the table at the precision shown${matches.length && !percent ? ' (it is a percentage, shown without "%")' : ''}`);
    }

    // Every comparative word is claimed.
    const claimed = new Set(point.claims.flatMap(claimWords));
    for (const word of comparativeWords) {
      if (new RegExp(`(^|[^a-z-])${escape(word)}($|[^a-z-])`, 'i').test(body) && !claimed.has(synonyms[word] ?? word)) fail(`"${word}" is not backed by the numbers (no claim)`);
    }

    for (const claim of point.claims) for (const problem of verify(claim)) fail(problem);
    if (k === 0 && headline && metadata.chart.y && cell(headline.i, metadata.chart.y) !== null && point.claims.length && !point.claims.some((c) => 'row' in c && c.row === headline.i)) {
      fail(`the first point is not the headline (${text(headline.r[metadata.chart.x ?? '']) || context.area})`);
    }
    if (k > 0 && headline && points[0].claims.length === 0 && point.claims.some((c) => 'row' in c && c.row === headline.i)) fail('the headline is not the first point');

    function verify(claim: Claim): string[] {
      const out: string[] = [];
      const at = (row: number, column: string) => {
        const v = cell(row, column);
        if (v === null) out.push(`it describes a hidden or missing figure (${column} of row ${row + 1})`);
        return v;
      };
      switch (claim.type) {
        case 'compare': {
          const [a, b] = [at(claim.row, claim.column), at(claim.against.row, claim.against.column)];
          if (a === null || b === null) break;
          if ((claim.word === 'higher' && !(a > b)) || (claim.word === 'lower' && !(a < b))) out.push(`"${claim.word}" but the numbers are ${a} and ${b}`);
          if ('verdict' in claim.test) {
            if (text(rows[claim.row][claim.test.verdict]).toLowerCase() !== claim.word) out.push(`"${claim.word}" but the significance test says ${text(rows[claim.row][claim.test.verdict]) || 'nothing'}`);
          } else {
            const [lo, hi] = [at(claim.row, claim.test.lower), at(claim.row, claim.test.upper)];
            if (lo !== null && hi !== null) {
              const verdict = lo > b ? 'higher' : hi < b ? 'lower' : 'similar';
              if (verdict !== claim.word) out.push(`"${claim.word}" but the confidence interval (${lo} to ${hi}) against ${b} says ${verdict}`);
            }
          }
          break;
        }
        case 'rank': {
          const a = at(claim.row, claim.column);
          if (!claim.among.includes(claim.row)) out.push('the ranked row is not among those it is ranked with');
          const values = claim.among.map((r) => at(r, claim.column));
          if (a !== null && values.every((v) => v !== null)) {
            const wrong = claim.word === 'lowest' || claim.falls ? values.some((v) => v! < a) : values.some((v) => v! > a);
            if (wrong) out.push(`"${claim.word}" but another row shown has a ${claim.word === 'lowest' ? 'lower' : 'higher'} value`);
          }
          const outsiders = claim.among.filter((r) => banned.has(r));
          if (outsiders.length) out.push(`a total or comparator (${outsiders.map((r) => text(rows[r][metadata.chart.x ?? '']) || `row ${r + 1}`).join(', ')}) is ranked with its members`);
          if (claim.among.some(small)) out.push('a figure from a small base is ranked');
          // The ranked rows' group: every row sharing the labels that are the same across them (the role, the level).
          const constantColumns = metadata.columns.filter((c) => !numeric.has(c.format) && new Set(claim.among.map((r) => text(rows[r][c.name]))).size === 1).map((c) => c.name);
          const group = indexed.filter((x) => !banned.has(x.i) && constantColumns.every((c) => text(x.r[c]) === text(rows[claim.among[0]]?.[c])));
          const left = group.filter((x) => !claim.among.includes(x.i));
          if (left.length && !/\bshown\b|\bat least\b/.test(point.text)) out.push(`${left.length} rows of the same kind are not ranked (hidden, missing or small), but the point does not say "of those shown"`);
          break;
        }
        case 'change': {
          if (spec?.kind !== 'change' && spec?.kind !== 'trend') out.push(`"${claim.word}" reads a ${spec?.kind ?? 'figure'} as a change`);
          if (format(claim.column) === 'number' && spec?.kind === 'change') out.push('the column is not a change');
          const a = at(claim.row, claim.column);
          const b = claim.from === undefined ? 0 : at(claim.from, claim.column);
          if (a !== null && b !== null) {
            const sign = Math.sign(a - b);
            if ((claim.word === 'rose' && sign <= 0) || (claim.word === 'fell' && sign >= 0) || (claim.word === 'unchanged' && sign !== 0)) out.push(`"${claim.word}" but the change is ${a - b}`);
          }
          if (small(claim.row) && !/small base/.test(point.text)) out.push('a change from a small base is described without saying so');
          break;
        }
        case 'correlation': {
          if (spec?.kind !== 'correlation') out.push('a correlation is claimed from a measure that is not one');
          if (claim.row !== undefined && claim.column !== undefined) {
            const r = at(claim.row, claim.column);
            if (r !== null && Math.abs(r - claim.r) > 1e-9) out.push('the correlation is not the table\'s');
          } else if (claim.measures) {
            const line = fit(pairs(rows.filter((r) => filtered.has(r)), metadata.chart, claim.measures[0], claim.measures[1]));
            if (!line || Math.abs(line.r - claim.r) > 1e-9) out.push('the correlation is not the one the visible ward values give');
          }
          const strength = Math.abs(claim.r) >= 0.7 ? 'strong' : Math.abs(claim.r) >= 0.4 ? 'moderate' : 'weak';
          for (const word of claim.words) {
            if (['strong', 'moderate', 'weak'].includes(word) && word !== strength) out.push(`"${word}" but |r| = ${Math.abs(claim.r).toFixed(2)} is ${strength}`);
            if ((word === 'negative' && !(claim.r < 0)) || (word === 'positive' && !(claim.r > 0))) out.push(`"${word}" but r = ${claim.r.toFixed(2)}`);
          }
          if (spec?.small_base !== undefined && claim.n < spec.small_base && !/treat with caution|few wards/.test(point.text)) out.push(`a correlation across only ${claim.n} wards carries no caveat`);
          break;
        }
        case 'flag': {
          const carrying = claim.among.filter((r) => claim.values.includes(text(rows[r]?.[claim.column])));
          if (carrying.length !== claim.rows.length || carrying.some((r) => !claim.rows.includes(r))) out.push(`the rows named are not exactly those flagged ${claim.values.join(' or ')}`);
          for (const r of claim.rows) if (metadata.chart.y) at(r, metadata.chart.y);
          break;
        }
        case 'index': {
          const a = at(claim.row, claim.column);
          if (a !== null && ((claim.word === 'over-represented' && !(a > claim.reference)) || (claim.word === 'under-represented' && !(a < claim.reference)))) out.push(`"${claim.word}" but the index is ${a}`);
          break;
        }
        case 'sum':
          for (const r of claim.rows) at(r, claim.column);
          break;
        case 'ratio': {
          const [lo, hi] = [at(claim.row, claim.lower), cell(claim.row, claim.upper)];
          // No upper limit: nothing the year before, so the interval is unbounded above.
          if (lo === null) break;
          const verdict = lo > 1 ? 'rose' : hi !== null && hi < 1 ? 'fell' : 'unchanged';
          if (verdict !== claim.word) out.push(`"${claim.word === 'rose' ? 'increase' : claim.word === 'fell' ? 'decrease' : 'no reliable change'}" but the rate ratio's interval is ${lo} to ${hi ?? 'unbounded'}`);
          break;
        }
        case 'limit': {
          const [a, b] = [at(claim.row, claim.column), at(claim.row, claim.limit)];
          if (a !== null && b !== null && ((claim.word === 'above' && !(a > b)) || (claim.word === 'below' && !(a < b)))) out.push(`"${claim.word}" but the value is ${a} and the limit ${b}`);
          break;
        }
        case 'position': {
          const [rank, v] = [at(claim.row, claim.column), at(claim.row, claim.by)];
          if (rank === null || v === null) break;
          if (claim.of !== undefined) {
            const n = at(claim.row, claim.of);
            if (n !== null && !(rank >= 1 && rank <= n)) out.push(`rank ${rank} is not one of ${n}`);
            const [lo, hi] = [claim.min ? cell(claim.row, claim.min) : null, claim.max ? cell(claim.row, claim.max) : null];
            if (lo !== null && rank === 1 && v > lo + 1e-9) out.push(`ranked 1 (the lowest) but the lowest is ${lo}`);
            if (hi !== null && n !== null && rank === n && v < hi - 1e-9) out.push(`ranked last (the highest) but the highest is ${hi}`);
          }
          if (claim.among) {
            const values = claim.among.map((r) => cell(r, claim.by));
            if (values.every((x) => x !== null) && rank !== 1 + values.filter((x) => x! < v).length) out.push(`ranked ${rank} but ${values.filter((x) => x! < v).length} of the rows shown are lower`);
            if (claim.of === undefined && rank > claim.among.length) out.push(`ranked ${rank} of only ${claim.among.length} rows`);
          }
          break;
        }
        case 'signal': {
          // The signals are recomputed from the visible counts of the phase (the months since limits were recalculated).
          const phase = (r: number) => (claim.phase ? text(rows[r][claim.phase]) : '');
          const inPhase = claim.rows.length ? indexed.filter((x) => phase(x.i) === phase(claim.rows[0])).map((x) => x.i) : [];
          const counts = inPhase.map((r) => cell(r, claim.column));
          if (counts.some((c) => c === null)) {
            out.push(`it describes signals from hidden or missing counts (${claim.column})`);
            break;
          }
          const signals = xmrSignals(counts as number[]);
          if (claim.signal === '') {
            // "No special-cause variation": no month of the phase carries a signal.
            if (signals.some((s) => s.length) || inPhase.some((r) => text(rows[r][claim.verdict]) !== '')) out.push('it says there is no signal, but the Making Data Count rules give one');
            break;
          }
          const carrying = inPhase.filter((_, k) => signals[k].includes(claim.signal as never));
          if (carrying.length !== claim.rows.length || carrying.some((r) => !claim.rows.includes(r))) out.push(`the months named are not exactly those with "${claim.signal}" by the Making Data Count rules`);
          if (claim.rows.some((r) => !text(rows[r][claim.verdict]).split('; ').includes(claim.signal))) out.push(`the table's ${claim.verdict} column does not carry "${claim.signal}"`);
          break;
        }
        case 'tally': {
          const n = at(claim.row, claim.column);
          if (n !== null && !(n > 0)) out.push(`"${claim.word}" but ${claim.column} is ${n}`);
          break;
        }
      }
      return out;
    }
  }
  return problems;
}
