import { describe, expect, it } from 'vitest';
import type { AnalysisMetadata } from '../../shared/analyses/schema';
import { analyses } from '../../shared/analyses/registry';
import { additiveSets, suppress } from '../../shared/exports/suppression';
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
    }
  });
});
