import { beforeAll, describe, expect, it } from 'vitest';
import type { AnalysisMetadata } from '../../shared/analyses/schema';
import { analyses } from '../../shared/analyses/registry';
import { additiveSets, suppress } from '../../shared/exports/suppression';
import { auditIntervals, type LpSolve } from '../../shared/exports/audit';
import { parseRelation } from '../../shared/exports/relations';
import { loadSolver } from '../../electron/engine/exports/solver';
import { Random } from '../../sample-data/generator/random';

type Columns = AnalysisMetadata['columns'];
const columns: Columns = [
  { name: 'group', label: 'Group', format: 'text' },
  { name: 'part', label: 'Part', format: 'text' },
  { name: 'count', label: 'Count', format: 'count' },
  { name: 'rate', label: 'Rate', format: 'rate', from: ['count'] },
];
const row = (group: string, part: string | null, count: number) => ({ group, part, count, rate: count / 10 });

describe('small-number suppression', () => {
  it('hides counts from 1 to 4 as small, shows 0 and 5, and hides the rate calculated from a hidden count', () => {
    const rows = [row('A', 'x', 0), row('A', 'y', 3), row('A', 'z', 5), row('A', 'w', 40)];
    const out = suppress(columns, rows, { threshold: 5 });
    expect(out.rows.map((r) => r.count)).toEqual([0, null, null, 40]);
    expect(out.hidden.get(1)?.get('count')).toBe('small');
    // One hidden cell in a set whose total is known could be recovered: the smallest other non-zero count goes too.
    expect(out.hidden.get(2)?.get('count')).toBe('secondary');
    expect(out.rows[1].rate).toBeNull();
    expect(out.rows[2].rate).toBeNull();
    expect(out.rows[3].rate).toBe(4);
    expect(out.primary).toBe(1);
    expect(out.secondary).toBe(3);
    expect(out.statement).toMatch(/counts from 1 to 4 are shown as "<5"/);
  });

  it('works through a hierarchy: a hidden subgroup hides a sibling, and a group hidden that way hides another group', () => {
    const rows = [
      row('Total', null, 100),
      row('A', null, 12), row('A', 'a1', 2), row('A', 'a2', 10),
      row('B', null, 30), row('B', 'b1', 30),
      row('C', null, 58), row('C', 'c1', 50), row('C', 'c2', 8),
    ];
    const spec = { sets: [{ within: ['group'] }, { within: [], where: { part: null } }] };
    const out = suppress(columns, rows, { threshold: 5 }, spec);
    const hiddenCounts = [...out.hidden].filter(([, cells]) => cells.has('count')).map(([r]) => r).sort((a, b) => a - b);
    // a1 (2) is small; a2 (10) is hidden with it. A's total stays, because the set {A, a1, a2} already has two hidden.
    expect(hiddenCounts).toEqual([2, 3]);
    for (const set of additiveSets(rows, spec)) expect(set.filter((r) => out.hidden.get(r)?.has('count')).length).not.toBe(1);
  });

  it('turns off at threshold 0 or 1 and says so', () => {
    const rows = [row('A', 'x', 1), row('A', 'y', 2)];
    for (const threshold of [0, 1]) {
      const out = suppress(columns, rows, { threshold });
      expect(out.rows).toEqual(rows);
      expect(out.statement).toMatch(/turned off/);
    }
  });

  it('on random tables, leaves no small count shown and no additive set with exactly one hidden cell', () => {
    const seeded = new Random(20261121);
    const random = () => seeded.next();
    const spec = { sets: [{ within: ['group'] }, { within: [], where: { part: null } }] };
    for (let trial = 0; trial < 300; trial++) {
      const rows: ReturnType<typeof row>[] = [];
      const groups = 1 + Math.floor(random() * 5);
      for (let g = 0; g < groups; g++) {
        const parts = Array.from({ length: Math.floor(random() * 5) }, () => Math.floor(random() * (random() < 0.4 ? 6 : 60)));
        const total = parts.reduce((s, p) => s + p, 0) || Math.floor(random() * 8);
        rows.push(row(`G${g}`, null, total), ...parts.map((p, i) => row(`G${g}`, `p${i}`, p)));
      }
      const threshold = 2 + Math.floor(random() * 9);
      const out = suppress(columns, rows, { threshold }, spec);
      out.rows.forEach((r, i) => {
        if (typeof r.count === 'number') expect(r.count === 0 || r.count >= threshold).toBe(true);
        if (r.count === null) expect(r.rate).toBeNull();
        if (typeof rows[i].count === 'number' && rows[i].count >= 1 && rows[i].count < threshold) expect(r.count).toBeNull();
      });
      for (const set of additiveSets(rows, spec)) {
        const hidden = set.filter((r) => out.rows[r].count === null).length;
        const recoverable = set.filter((r) => out.rows[r].count !== null && rows[r].count > 0).length;
        // Exactly one hidden is allowed only when nothing else non-zero was left to hide with it.
        if (hidden === 1) expect(recoverable).toBe(0);
      }
    }
  });

  it('every library analysis names real columns in its chart, suppression sets and "from" lists', () => {
    for (const a of analyses) {
      const names = new Set(a.columns.map((c) => c.name));
      const columnRoles = ['x', 'y', 'y2', 'lower', 'upper', 'comparator', 'series', 'colour', 'key', 'label'] as const;
      for (const role of columnRoles) if (a.chart[role]) expect(names, `${a.id} chart.${role}`).toContain(a.chart[role]);
      const { filter } = a.chart;
      if (filter) expect(names, `${a.id} chart.filter`).toContain(filter.column);
      for (const set of a.suppression?.sets ?? []) for (const c of [...set.within, ...Object.keys(set.where ?? {})]) expect(names, `${a.id} suppression`).toContain(c);
      for (const c of a.columns) for (const f of c.from ?? []) expect(a.columns.find((o) => o.name === f)?.format, `${a.id}.${c.name} from ${f}`).toBe('count');
      const counts = new Set(a.columns.filter((c) => c.format === 'count').map((c) => c.name));
      const params = Object.fromEntries(a.parameters.map((p) => [p.name, 2]));
      // A relation that names a missing column or multiplies two is refused, so none can silently weaken the audit.
      for (const relation of a.suppression?.relations ?? []) expect(() => parseRelation(relation, counts, params), `${a.id}: ${relation}`).not.toThrow();
      for (const summary of a.suppression?.summaries ?? []) for (const c of [...summary.columns, summary.over, ...summary.within]) expect(names, `${a.id} summary`).toContain(c);
      for (const rule of a.suppression?.rules ?? []) for (const c of [rule.when.column, ...rule.hide, ...(rule.at_most ? [rule.at_most] : [])]) expect(names, `${a.id} rule`).toContain(c);
      for (const c of a.suppression?.order ?? []) expect(names, `${a.id} order`).toContain(c);
    }
  });
});

describe('the exact suppression audit', () => {
  let solve: LpSolve;
  beforeAll(async () => {
    solve = await loadSolver();
  });

  it('parses relations, with parameters as coefficients, and refuses what is not linear', () => {
    const r = parseRelation('crimes = victims - repeat + 2*hits', new Set(['crimes', 'victims', 'repeat', 'hits']), {});
    expect([...r.coefficients]).toEqual([['crimes', 1], ['victims', -1], ['repeat', 1], ['hits', -2]]);
    expect(parseRelation('hits >= min_crimes*repeat', new Set(['hits', 'repeat']), { min_crimes: 3 }).coefficients.get('repeat')).toBe(-3);
    expect(() => parseRelation('a = b*c', new Set(['a', 'b', 'c']), {})).toThrow(/only linear/);
    expect(() => parseRelation('a = typo', new Set(['a']), {})).toThrow(/neither a column nor/);
  });

  it('gives the intervals an integer program should: a known total with two unknowns, and the repeat-victim identity', () => {
    // x + y = 7, x in 1..4 (small), y >= 0: x spans 1..4, y spans 3..6.
    const pair = auditIntervals([{ key: 'x', lower: 1, upper: 4 }, { key: 'y', lower: 0, upper: Infinity }], [{ terms: new Map([[0, 1], [1, 1]]), op: '=', rhs: 7 }], solve);
    expect(pair).toEqual([{ lower: 1, upper: 4 }, { lower: 3, upper: 6 }]);
    // Robbery: 39 crimes = 38 victims - r + c, c >= 2r, r and c "<5": r = 1, c = 2 exactly.
    const robbery = auditIntervals(
      [{ key: 'r', lower: 1, upper: 4 }, { key: 'c', lower: 1, upper: 4 }],
      [{ terms: new Map([[0, -1], [1, 1]]), op: '=', rhs: 1 }, { terms: new Map([[1, 1], [0, -2]]), op: '>=', rhs: 0 }],
      solve,
    );
    expect(robbery).toEqual([{ lower: 1, upper: 1 }, { lower: 2, upper: 2 }]);
    // Unbounded above when nothing caps it.
    expect(auditIntervals([{ key: 'a', lower: 0, upper: Infinity }, { key: 'b', lower: 0, upper: Infinity }], [{ terms: new Map([[0, 1], [1, -1]]), op: '=', rhs: 0 }], solve)[0].upper).toBe(Infinity);
  });

  it('protects the repeat-victim identity: Robbery 38 victims and 39 crimes no longer pins 1 and 2', () => {
    const columns: Columns = [
      { name: 'cohort', label: 'Cohort', format: 'text' },
      { name: 'victims', label: 'Victims', format: 'count' },
      { name: 'repeat_victims', label: 'Repeat', format: 'count' },
      { name: 'crimes', label: 'Crimes', format: 'count' },
      { name: 'crimes_against_repeat_victims', label: 'Crimes against repeat', format: 'count' },
    ];
    const spec = { sets: [{ within: ['cohort'] }], relations: ['crimes = victims - repeat_victims + crimes_against_repeat_victims', 'crimes_against_repeat_victims >= min_crimes*repeat_victims'] };
    const rows = [{ cohort: 'Robbery', victims: 38, repeat_victims: 1, crimes: 39, crimes_against_repeat_victims: 2 }];
    // The rule alone leaves both totals shown, and with them the answer.
    expect(suppress(columns, rows, { threshold: 5 }, spec).rows[0]).toMatchObject({ victims: 38, crimes: 39 });
    const audited = suppress(columns, rows, { threshold: 5 }, spec, { solve, parameters: { min_crimes: 2 } });
    expect(audited.audit?.unprotected).toBe(0);
    for (const [key, interval] of audited.audit!.intervals) {
      const column = key.split('\u0000')[1] as keyof (typeof rows)[0];
      const value = Number(rows[0][column]);
      // The two small counts keep all of 1 to 4; the totals hidden with them at least as many values.
      if (value < 5) expect(interval.lower <= 1 && interval.upper >= 4, `${column} ${JSON.stringify(interval)}`).toBe(true);
      else expect(interval.upper - interval.lower).toBeGreaterThanOrEqual(3);
    }
  });

  it('on random tables, every hidden count spans its whole range by brute force, as the audit says', () => {
    const seeded = new Random(20261201);
    const random = () => seeded.next();
    const spec = { sets: [{ within: ['group'] }, { within: [], where: { part: null } }] };
    let checked = 0;
    for (let trial = 0; trial < 120; trial++) {
      const rows: ReturnType<typeof row>[] = [];
      const groups = 1 + Math.floor(random() * 2);
      for (let g = 0; g < groups; g++) {
        const parts = Array.from({ length: 1 + Math.floor(random() * 3) }, () => Math.floor(random() * (random() < 0.5 ? 5 : 10)));
        rows.push(row(`G${g}`, null, parts.reduce((s, p) => s + p, 0)), ...parts.map((p, i) => row(`G${g}`, `p${i}`, p)));
      }
      const threshold = 3 + Math.floor(random() * 3);
      const out = suppress(columns, rows, { threshold }, spec, { solve });
      const hidden = rows.map((_, i) => i).filter((i) => out.rows[i].count === null);
      if (hidden.length === 0 || hidden.length > 5) continue;
      // Every assignment of the hidden counts consistent with the published cells, the sets' totals and the marks.
      const sets = additiveSets(rows, spec);
      const grand = rows.reduce((s, r) => s + r.count, 0);
      // No count exceeds the total of a set it is in (all are whole numbers, none negative): the search's bound.
      const cap = (i: number) => Math.min(grand, ...sets.filter((set) => set.includes(i)).map((set) => set.reduce((s, r) => s + rows[r].count, 0)));
      const reasonOf = (i: number) => out.hidden.get(i)!.get('count')!;
      const seen = new Map(hidden.map((i) => [i, new Set<number>()]));
      const values = new Map<number, number>();
      const search = (k: number) => {
        if (k === hidden.length) {
          const ok = sets.every((set) => set.reduce((s, r) => s + (values.get(r) ?? rows[r].count), 0) === set.reduce((s, r) => s + rows[r].count, 0));
          if (ok) for (const i of hidden) seen.get(i)!.add(values.get(i)!);
          return;
        }
        const i = hidden[k];
        const [low, high] = reasonOf(i) === 'small' ? [1, threshold - 1] : [0, cap(i)];
        for (let v = low; v <= high; v++) {
          values.set(i, v);
          search(k + 1);
        }
        values.delete(i);
      };
      search(0);
      for (const i of hidden) {
        const feasible = [...seen.get(i)!];
        const [low, high] = [Math.min(...feasible), Math.max(...feasible)];
        const interval = out.audit!.intervals.get(`${i}\u0000count`)!;
        // What the audit found feasible is feasible (it stops re-solving a cell once it is wide enough, so its
        // interval may be narrower than the whole), and the brute force agrees the cell is protected.
        expect(low, `trial ${trial} row ${i}`).toBeLessThanOrEqual(interval.lower);
        expect(high, `trial ${trial} row ${i}`).toBeGreaterThanOrEqual(Math.min(interval.upper, cap(i)));
        if (high === 0) continue;
        const small = rows[i].count >= 1 && rows[i].count < threshold;
        const wide = small ? low <= 1 && high >= threshold - 1 : high - low >= threshold - 2;
        if (!wide) {
          // Only when nothing is left to hide (every non-zero cell is hidden already), or when the sets' totals alone
          // already narrow it — were every count hidden as "[c]" (a small total split in small parts) — and the table
          // narrows it no further; and the export says so.
          const nothingLeft = rows.every((r, j) => r.count === 0 || out.rows[j].count === null);
          if (!nothingLeft) {
            const everything = rows.map((_, j) => ({ key: String(j), lower: 0, upper: Infinity }));
            const totals = sets.map((set) => ({ terms: new Map(set.map((r) => [r, 1])), op: '=' as const, rhs: set.reduce((s, r) => s + rows[r].count, 0) }));
            const best = auditIntervals(everything, totals, solve)[i];
            const bestWide = small ? best.lower <= 1 && best.upper >= threshold - 1 : best.upper - best.lower >= threshold - 2;
            expect(bestWide, `trial ${trial} row ${i}: protectable, yet left narrowed with cells to spare`).toBe(false);
            expect([low, high], `trial ${trial} row ${i}: narrowed past the totals alone`).toEqual([best.lower, best.upper]);
          }
          expect(out.audit!.unprotected).toBeGreaterThan(0);
          expect(out.statement).toMatch(/check before sharing/);
          continue;
        }
        checked += 1;
      }
    }
    expect(checked).toBeGreaterThan(50);
  });
});
