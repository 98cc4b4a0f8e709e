import type { AnalysisMetadata, SuppressionSpec } from '../analyses/schema';
import type { JsonValue } from '../contracts/common';
import { auditIntervals, type Constraint, type Interval, type LpSolve, type Unknown } from './audit';
import { holds, parseRelation, type Relation } from './relations';

/** Small-number suppression as configured for an export: counts from 1 to threshold − 1 are hidden; 0 turns it off. */
export interface SuppressionConfig {
  threshold: number;
}
export const defaultSuppression: SuppressionConfig = { threshold: 5 };

/** Why a cell is hidden: a small count, or secondary (recoverable from totals, or calculated from a hidden count). */
export type HiddenReason = 'small' | 'secondary';

export interface SuppressedTable {
  rows: Record<string, JsonValue>[];
  /** `hidden[row][column]`, for the cells suppression removed. */
  hidden: Map<number, Map<string, HiddenReason>>;
  primary: number;
  secondary: number;
  /** The plain-English statement every export carries. */
  statement: string;
}

type Columns = Pick<AnalysisMetadata, 'columns'>['columns'];

/** What a hidden cell shows in a table: "<5" for a small count, "[c]" (the ONS mark for confidential) otherwise. */
export const hiddenMark = (reason: HiddenReason, config: SuppressionConfig): string => (reason === 'small' ? `<${config.threshold}` : '[c]');

export function suppressionStatement(config: SuppressionConfig, primary: number, secondary: number): string {
  if (config.threshold <= 1) return 'Small-number suppression was turned off for this export: every count is shown.';
  const upper = config.threshold - 1;
  if (primary + secondary === 0) return `Small-number suppression: counts from 1 to ${upper} would be shown as "<${config.threshold}"; none here needed hiding.`;
  return (
    `Small-number suppression: counts from 1 to ${upper} are shown as "<${config.threshold}" (${primary} cell${primary === 1 ? '' : 's'}). ` +
    `${secondary} further cell${secondary === 1 ? ' is' : 's are'} shown as "[c]": a second count hidden so that a small one cannot be worked out ` +
    'by subtracting from a total, or a rate or percentage calculated from a hidden count.'
  );
}

const numeric = (value: JsonValue | undefined): number | null => {
  if (typeof value === 'number') return value;
  if (typeof value === 'string' && value.trim() !== '' && Number.isFinite(Number(value))) return Number(value);
  return null;
};

/** What the exact audit found: how many hidden counts it checked, and how many it could not protect. */
export interface AuditSummary {
  cells: number;
  unprotected: number;
  /** Each hidden count's feasible interval given everything published (key `row\u0000column`). */
  intervals: Map<string, Interval>;
}

export interface SuppressOptions {
  /** The ILP solver for the exact audit; without one only the additive-set rule runs (unit tests of the rule). */
  solve?: LpSolve;
  /** The run's parameters, for relations that name one (min_crimes). */
  parameters?: Record<string, string | number>;
}

const cellKey = (row: number, column: string) => `${row}\u0000${column}`;

/**
 * Hides small counts, then whatever would give them back. Secondary suppression starts from the additive sets (rows
 * that sum to a total, from the analysis's metadata): while any set has exactly one hidden cell in a count column,
 * the smallest other non-zero cell of the set is hidden too. With a solver, an exact audit then works out, for every
 * hidden count, the range of values consistent with everything published — the sets' totals, the relations the
 * metadata declares, whole numbers, none negative — and hides more until each small count could still be anything
 * from 1 to threshold − 1 and every other hidden count could still be any of at least threshold − 1 values (as many
 * as a "<5" mark allows). Columns calculated from
 * a hidden count (its rate, limits, percentage) are hidden in the same row, and summary figures over a group with a
 * hidden cell (a ward mean and SD) in the whole group. Zero is shown: it is not a small number of people.
 */
export function suppress(
  columns: Columns,
  rows: Record<string, JsonValue>[],
  config: SuppressionConfig,
  spec?: SuppressionSpec,
  options: SuppressOptions = {},
): SuppressedTable & { audit?: AuditSummary } {
  const hidden = new Map<number, Map<string, HiddenReason>>();
  const hide = (row: number, column: string, reason: HiddenReason) => {
    const cells = hidden.get(row) ?? new Map<string, HiddenReason>();
    if (!cells.has(column)) cells.set(column, reason);
    hidden.set(row, cells);
  };
  const isHidden = (row: number, column: string) => hidden.get(row)?.has(column) ?? false;
  const counts = columns.filter((c) => c.format === 'count').map((c) => c.name);
  let audit: AuditSummary | undefined;
  if (config.threshold > 1) {
    rows.forEach((row, index) => {
      for (const column of counts) {
        const value = numeric(row[column]);
        if (value !== null && value >= 1 && value < config.threshold) hide(index, column, 'small');
      }
    });
    // The analysis's own rule (a survey group under its smallest base) withholds cells whatever their size.
    for (const rule of spec?.rules ?? []) {
      rows.forEach((row, index) => {
        if (String(row[rule.when.column] ?? '') === rule.when.equals) for (const column of rule.hide) hide(index, column, 'secondary');
      });
    }
    const sets = additiveSets(rows, spec);
    for (let changed = true; changed; ) {
      changed = false;
      for (const column of counts) {
        for (const set of sets) {
          const hiddenHere = set.filter((r) => isHidden(r, column));
          if (hiddenHere.length !== 1) continue;
          const candidates = set
            .filter((r) => !isHidden(r, column) && (numeric(rows[r][column]) ?? 0) > 0)
            .sort((a, b) => (numeric(rows[a][column]) ?? 0) - (numeric(rows[b][column]) ?? 0));
          if (candidates.length === 0) continue;
          hide(candidates[0], column, 'secondary');
          changed = true;
        }
      }
    }
    if (options.solve) audit = auditAndWiden(columns, rows, config, spec, options, sets, hidden, hide);
    // Rates, limits and percentages of a hidden count would give it back.
    for (const [row, cells] of hidden) {
      const hiddenCounts = [...cells.keys()];
      for (const column of columns) {
        if (column.from?.some((source) => hiddenCounts.includes(source))) hide(row, column.name, 'secondary');
      }
    }
    // A mean or SD over a group with a hidden cell is one more equation in the hidden values: it goes too.
    for (const summary of spec?.summaries ?? []) {
      const groups = new Map<string, number[]>();
      rows.forEach((row, index) => {
        const key = JSON.stringify(summary.within.map((c) => row[c] ?? null));
        groups.set(key, [...(groups.get(key) ?? []), index]);
      });
      for (const members of groups.values()) {
        if (!members.some((r) => isHidden(r, summary.over))) continue;
        for (const r of members) for (const column of summary.columns) if (rows[r][column] !== null && rows[r][column] !== undefined) hide(r, column, 'secondary');
      }
    }
  }
  let primary = 0;
  let secondary = 0;
  const out = rows.map((row, index) => {
    const cells = hidden.get(index);
    if (!cells) return row;
    const copy = { ...row };
    for (const [column, reason] of cells) {
      copy[column] = null;
      if (reason === 'small') primary += 1;
      else secondary += 1;
    }
    return copy;
  });
  const statement = suppressionStatement(config, primary, secondary) + (audit ? auditStatement(audit) : '');
  return { rows: out, hidden, primary, secondary, statement, audit };
}

function auditStatement(audit: AuditSummary): string {
  if (audit.cells === 0) return '';
  if (audit.unprotected === 0) return ' An exact audit (integer linear programming over the totals and relations the table publishes) confirmed no hidden count can be narrowed down.';
  return ` An exact audit found ${audit.unprotected} hidden count${audit.unprotected === 1 ? '' : 's'} that the table's totals could narrow down and that hiding more could not protect (nothing left to hide, or a small total split into small parts): check before sharing.`;
}

/**
 * The exact audit and the secondary suppression it calls for. Each round solves the intervals; every hidden count
 * that is not protected gets one more cell hidden beside it — the smallest visible non-zero count that shares a
 * total or a relation with it (a zero only when nothing else is left) — until all are protected or nothing is left;
 * a count the totals alone already narrow (whatever is hidden) is widened only as far as they allow.
 */
function auditAndWiden(
  columns: Columns,
  rows: Record<string, JsonValue>[],
  config: SuppressionConfig,
  spec: SuppressionSpec | undefined,
  options: SuppressOptions,
  sets: number[][],
  hidden: Map<number, Map<string, HiddenReason>>,
  hide: (row: number, column: string, reason: HiddenReason) => void,
): AuditSummary {
  const counts = new Set(columns.filter((c) => c.format === 'count').map((c) => c.name));
  const relations = (spec?.relations ?? []).map((text) => parseRelation(text, counts, options.parameters ?? {}));
  const value = (row: number, column: string) => numeric(rows[row][column]);
  // Every linear fact a reader holds, as the cells it ties together and how: a set's total, or a row's relation.
  const facts: { cells: [number, string][]; coefficients: number[]; op: Relation['op']; constant: number }[] = [];
  for (const column of counts) {
    for (const set of sets) {
      if (set.some((r) => value(r, column) === null && !hidden.get(r)?.has(column))) continue;
      facts.push({ cells: set.map((r) => [r, column]), coefficients: set.map(() => 1), op: '=', constant: -set.reduce((s, r) => s + (value(r, column) ?? 0), 0) });
    }
  }
  rows.forEach((_, row) => {
    for (const relation of relations) {
      if (!holds(relation, (column) => value(row, column))) continue;
      const entries = [...relation.coefficients];
      facts.push({ cells: entries.map(([column]) => [row, column]), coefficients: entries.map(([, k]) => k), op: relation.op, constant: relation.constant });
    }
  });
  const atMost = new Map<string, number>();
  for (const rule of spec?.rules ?? []) {
    if (!rule.at_most) continue;
    rows.forEach((row, index) => {
      const bound = numeric(row[rule.at_most!]);
      if (String(row[rule.when.column] ?? '') === rule.when.equals && bound !== null) for (const column of rule.hide) atMost.set(cellKey(index, column), bound);
    });
  }
  // Intervals found wide enough in an earlier round: hiding more (or relabelling) only widens them.
  const settled = new Map<string, Interval>();
  // The small counts themselves, whatever mark they end up with: each must keep the whole of 1 to threshold − 1.
  const sensitive = new Set<string>();
  for (const [row, cells] of hidden) for (const [column, reason] of cells) if (reason === 'small') sensitive.add(cellKey(row, column));
  const t = config.threshold;
  const protectedBy = (key: string, { lower, upper }: Interval) =>
    upper === 0 || (sensitive.has(key) ? lower <= 1 && upper >= t - 1 : upper - lower >= Math.min(t - 2, atMost.get(key) ?? Infinity));
  // The facts as constraints over whichever cells are unknown (by cell key), and which facts each unknown is in.
  const program = (index: Map<string, number>) => {
    const constraints: Constraint[] = [];
    const factsOf = new Map<number, number[]>();
    facts.forEach((fact, f) => {
      const terms = new Map<number, number>();
      let rhs = -fact.constant;
      fact.cells.forEach(([row, column], i) => {
        const at = index.get(cellKey(row, column));
        if (at === undefined) rhs -= fact.coefficients[i] * (value(row, column) ?? 0);
        else terms.set(at, (terms.get(at) ?? 0) + fact.coefficients[i]);
      });
      for (const [at, k] of terms) if (k === 0) terms.delete(at);
      if (terms.size === 0) return;
      constraints.push({ terms, op: fact.op, rhs });
      for (const at of terms.keys()) factsOf.set(at, [...(factsOf.get(at) ?? []), f]);
    });
    return { constraints, factsOf };
  };
  // What the totals and relations alone leave of a count, were every count in the table hidden as "[c]": the most
  // any suppression can give it. A count they already pin (two small cells whose total is itself known, as Lichfield's
  // victims aged 55-64 in the sample, 2 and 1) cannot be protected; hiding more than it takes to bring it to this
  // interval only loses figures (it once hid every victim count), so widening for it stops there.
  const alone = new Map<string, Interval>();
  const totalsAlone = (keys: string[]) => {
    const wanted = keys.filter((key) => !alone.has(key));
    if (wanted.length === 0) return;
    const everything: Unknown[] = [];
    const index = new Map<string, number>();
    const skip = new Map<string, Interval>();
    rows.forEach((_, row) => {
      for (const column of counts) {
        if (value(row, column) === null) continue;
        const key = cellKey(row, column);
        index.set(key, everything.length);
        everything.push({ key, lower: 0, upper: atMost.get(key) ?? Infinity });
        if (!wanted.includes(key)) skip.set(key, { lower: 0, upper: Infinity });
      }
    });
    const found = auditIntervals(everything, program(index).constraints, options.solve!, skip);
    for (const key of wanted) alone.set(key, found[index.get(key)!]);
  };
  for (let round = 0; ; round++) {
    const unknowns: (Unknown & { row: number; column: string; reason: HiddenReason })[] = [];
    const index = new Map<string, number>();
    for (const [row, cells] of hidden) {
      for (const [column, reason] of cells) {
        if (!counts.has(column) || value(row, column) === null) continue;
        const key = cellKey(row, column);
        index.set(key, unknowns.length);
        unknowns.push({ key, row, column, reason, lower: reason === 'small' ? 1 : 0, upper: reason === 'small' ? config.threshold - 1 : (atMost.get(key) ?? Infinity) });
      }
    }
    const { constraints, factsOf } = program(index);
    const intervals = auditIntervals(unknowns, constraints, options.solve!, settled);
    // A hidden count the published figures show to be zero counts nobody: it is left as it is.
    const wideEnough = (u: (typeof unknowns)[number], i: number) => protectedBy(u.key, intervals[i]);
    unknowns.forEach((u, i) => {
      if (wideEnough(u, i)) settled.set(u.key, intervals[i]);
    });
    const failing = unknowns.map((u, i) => ({ u, i })).filter(({ u, i }) => !wideEnough(u, i));
    const result = () => ({ cells: unknowns.length, unprotected: failing.length, intervals: new Map(unknowns.map((u, i) => [u.key, intervals[i]])) });
    if (failing.length === 0 || round > 4 * rows.length * counts.size) return result();
    let widened = false;
    // One cell per round for each fact, so two failing cells sharing a total do not both widen it; the next round re-checks.
    const touched = new Set<number>();
    totalsAlone(failing.map(({ u }) => u.key));
    for (const { u, i } of failing) {
      const mine = factsOf.get(i) ?? [];
      if (mine.some((f) => touched.has(f))) continue;
      const best = alone.get(u.key)!;
      const unprotectable = !protectedBy(u.key, best);
      // Already as wide as the totals alone leave it: nothing hidden beside it would help.
      if (unprotectable && intervals[i].lower <= best.lower && intervals[i].upper >= best.upper) continue;
      const near = unprotectable && mine.some((f) => facts[f].cells.some(([row, column]) => hidden.get(row)?.get(column) === 'small'))
        ? [] // its "<5" marks narrow it: show them as "[c]" first, before hiding anything more
        : mine.flatMap((f) => facts[f].cells).filter(([row, column]) => !hidden.get(row)?.has(column) && value(row, column) !== null);
      if (near.length === 0) {
        // Nothing left to hide beside it: the marks themselves pin it (crimes against repeat victims "<5" and at
        // least two per repeat victim leave one or two). A small count in its relations is then shown as "[c]",
        // which says nothing of its size, and the next round re-checks.
        const small = mine.flatMap((f) => facts[f].cells).find(([row, column]) => hidden.get(row)?.get(column) === 'small');
        if (!small) continue;
        hidden.get(small[0])!.set(small[1], 'secondary');
        settled.delete(cellKey(small[0], small[1]));
        for (const f of mine) touched.add(f);
        widened = true;
        continue;
      }
      const [row, column] = near.sort((a, b) => {
        const va = value(a[0], a[1])!;
        const vb = value(b[0], b[1])!;
        return (va === 0 ? 1 : 0) - (vb === 0 ? 1 : 0) || va - vb || a[0] - b[0];
      })[0];
      hide(row, column, 'secondary');
      for (const f of mine) touched.add(f);
      widened = true;
    }
    if (!widened) return result();
  }
}

/** Row indexes grouped into the sets that add up; all rows are one set when the metadata names none. */
export function additiveSets(rows: Record<string, JsonValue>[], spec?: SuppressionSpec): number[][] {
  const definitions = spec?.sets ?? [{ within: [] }];
  const sets: number[][] = [];
  for (const definition of definitions) {
    const groups = new Map<string, number[]>();
    rows.forEach((row, index) => {
      const matches = Object.entries(definition.where ?? {}).every(([column, value]) => (value === null ? row[column] === null || row[column] === '' : row[column] === value));
      if (!matches) return;
      const key = JSON.stringify(definition.within.map((column) => row[column] ?? null));
      groups.set(key, [...(groups.get(key) ?? []), index]);
    });
    for (const members of groups.values()) if (members.length > 1) sets.push(members);
  }
  return sets;
}
