import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEngine, type Engine } from '../../electron/engine';
import { sampleWorkspace } from '../support/sampleWorkspace';
import { loadSolver } from '../../electron/engine/exports/solver';
import { analyses } from '../../shared/analyses/registry';
import type { Analysis } from '../../shared/analyses/schema';
import type { JsonValue } from '../../shared/contracts/common';
import { auditIntervals, type Constraint, type Interval, type LpSolve, type Unknown } from '../../shared/exports/audit';
import { holds, parseRelation } from '../../shared/exports/relations';
import { additiveSets } from '../../shared/exports/suppression';
import { buildFigure } from '../../shared/charts/figure';
import { defaultChartOptions, filterChoices } from '../../shared/charts/options';
import { tempDir } from '../support/tempWorkspace';
import { parseCsv } from '../support/csvText';

/**
 * An intruder in the suite. For every analysis, for several areas and at thresholds 5 and 10, it takes the CSV the
 * app exports (the same file the board pack's tables and the command line write), reads it as a reader would, and
 * tries every way in the issue to win back a hidden count: subtraction within the declared sets, the declared
 * relations (the repeat-victim identity, survey breakdowns against their total), summary statistics, row order
 * and the chart's data. It solves its own integer programs over what the file publishes, so it checks the file, not
 * the suppression code's own bookkeeping.
 */
const areas = ['Lichfield', 'Tamworth', 'Cannock Chase'];
const period = { from: '2018-04-01', to: '2019-03-31' };

describe('an intruder with the exported CSV', () => {
  const { dir, cleanup } = tempDir('csw-intruder-');
  let engine: Engine;
  let solve: LpSolve;
  beforeAll(async () => {
    const file = path.join(dir, 'sample.duckdb');
    await sampleWorkspace(file);
    engine = await createEngine(file, { backups: false });
    solve = await loadSolver();
  }, 180_000);
  afterAll(() => {
    engine?.close();
    cleanup();
  });

  const runAnalysis = async (analysis: Analysis, area: string) => {
    const params = Object.fromEntries(Object.entries({ area, ...period }).filter(([k]) => analysis.parameters.some((p) => p.name === k)));
    const result = await engine.invoke('analyses.run', { id: analysis.id, params, operationId: 'op-intruder-0001' });
    if (!result.ok) throw new Error(`${analysis.id}: ${result.error.message}`);
    const page = await engine.invoke('grid.page', { source: { kind: 'result', id: result.value.resultId }, startRow: 0, endRow: Math.max(1, result.value.rowCount) });
    if (!page.ok) throw new Error(page.error.message);
    return { resultId: result.value.resultId, truth: page.value.rows, parameters: { ...defaults(analysis), ...params } };
  };
  const exportCsv = async (resultId: string, threshold: number) => {
    const file = await engine.invoke('exports.table', { resultId, format: 'csv', suppression: { threshold } });
    if (!file.ok) throw new Error(file.error.message);
    const text = Buffer.from(file.value.base64, 'base64').toString('utf8');
    const [table] = text.replace(/^\uFEFF/, '').split('\r\n\r\n');
    return { text, rows: parseCsv(table) };
  };

  for (const threshold of [5, 10]) {
    it(`recovers no hidden count from any analysis's CSV, in ${areas.length} areas, at threshold ${threshold}`, async () => {
      let hiddenSeen = 0;
      for (const analysis of analyses) {
        for (const area of analysis.parameters.some((p) => p.name === 'area') ? areas : [areas[0]]) {
          const where = `${analysis.id} ${area} <${threshold}`;
          const { resultId, truth, parameters } = await runAnalysis(analysis, area);
          const { rows: published, text: file } = await exportCsv(resultId, threshold);
          expect(published.length, where).toBe(truth.length);
          const counts = analysis.columns.filter((c) => c.format === 'count').map((c) => c.name);
          // Each published row is matched to its true row by the text columns (the order may differ, by design).
          const texts = analysis.columns.filter((c) => (c.format === 'text' || c.format === 'date') && !c.from).map((c) => c.name);
          const keyOf = (row: Record<string, JsonValue>) => JSON.stringify(texts.map((c) => (row[c] === null || row[c] === undefined ? '' : String(row[c]))));
          const byKey = new Map(truth.map((row, i) => [keyOf(row), i]));
          const truthOf = published.map((row) => byKey.get(keyOf(row)));
          expect(truthOf.every((i) => i !== undefined), `${where}: rows match`).toBe(true);
          const mark = (row: number, column: string) => {
            const v = published[row][column];
            return v === `<${threshold}` ? 'small' : v === '[c]' ? 'secondary' : null;
          };
          const real = (row: number, column: string) => (truth[truthOf[row]!][column] === null ? null : Number(truth[truthOf[row]!][column]));

          // 1. No count from 1 to threshold - 1 is shown, and every shown figure is the true one.
          published.forEach((row, r) => {
            for (const c of counts) {
              if (mark(r, c)) continue;
              const v = row[c] === '' ? null : Number(row[c]);
              expect(v, `${where} ${c}`).toBe(real(r, c));
              if (v !== null) expect(v === 0 || v >= threshold, `${where} ${c} = ${v} shown`).toBe(true);
            }
          });

          // 2. Subtraction and relations: the intruder's own integer programs over the published cells.
          const unknowns: Unknown[] = [];
          const index = new Map<string, number>();
          published.forEach((_, r) => {
            for (const c of counts) {
              const m = mark(r, c);
              if (!m || real(r, c) === null) continue;
              index.set(`${r}|${c}`, unknowns.length);
              const base = real(r, 'base');
              const capped = analysis.suppression?.rules?.some((rule) => rule.at_most && String(published[r][rule.when.column]) === rule.when.equals && rule.hide.includes(c));
              unknowns.push({ key: `${r}|${c}`, lower: m === 'small' ? 1 : 0, upper: m === 'small' ? threshold - 1 : capped && base !== null ? base : Infinity });
            }
          });
          hiddenSeen += unknowns.length;
          // Every fact the intruder holds, then written as constraints over whichever cells are unknown.
          const facts: { cells: [number, string, number][]; op: Constraint['op']; constant: number }[] = [];
          const addFact = (cells: [number, string, number][], op: Constraint['op'], constant: number) => facts.push({ cells, op, constant });
          const program = (unknownAt: Map<string, number>): Constraint[] =>
            facts.flatMap(({ cells, op, constant }) => {
              const terms = new Map<number, number>();
              let rhs = -constant;
              for (const [r, c, k] of cells) {
                const at = unknownAt.get(`${r}|${c}`);
                if (at === undefined) rhs -= k * (real(r, c) ?? 0);
                else terms.set(at, (terms.get(at) ?? 0) + k);
              }
              return [...terms.values()].some((k) => k !== 0) ? [{ terms, op, rhs }] : [];
            });
          // The intruder is granted every set's true total, whether or not the table prints it.
          const publishedTruthOrder = published.map((_, r) => truth[truthOf[r]!]);
          for (const c of counts) {
            for (const set of additiveSets(publishedTruthOrder, analysis.suppression)) {
              if (set.some((r) => real(r, c) === null)) continue;
              addFact(set.map((r) => [r, c, 1]), '=', -set.reduce((s, r) => s + real(r, c)!, 0));
            }
          }
          const relations = (analysis.suppression?.relations ?? []).map((text) => parseRelation(text, new Set(counts), parameters));
          published.forEach((_, r) => {
            for (const relation of relations) {
              if (!holds(relation, (c) => real(r, c))) continue;
              addFact([...relation.coefficients].map(([c, k]) => [r, c, k]), relation.op, relation.constant);
            }
          });
          const intervals = auditIntervals(unknowns, program(index), solve);
          // What the granted totals and relations alone leave of each count, as if every count in the table were
          // hidden as "[c]" (any whole number from 0). A count these already pin — a set of two small cells whose
          // total the intruder is granted (Lichfield's victims aged 55-64 in the sample: 2 women, 1 man, so either
          // is at most 3) — cannot be protected by hiding anything: no table with those rows could pass. Such a count
          // must be hidden, and the export must say it could not protect it (below); every other count is held to
          // the full criterion.
          let alone: Map<string, Interval> | undefined;
          const totalsAlone = (key: string) => {
            if (!alone) {
              const everything: Unknown[] = [];
              const at = new Map<string, number>();
              published.forEach((_, r) => {
                for (const c of counts) {
                  if (real(r, c) === null) continue;
                  at.set(`${r}|${c}`, everything.length);
                  everything.push({ key: `${r}|${c}`, lower: 0, upper: Infinity });
                }
              });
              const found = auditIntervals(everything, program(at), solve);
              alone = new Map(everything.map((u, i) => [u.key, found[i]]));
            }
            return alone.get(key)!;
          };
          let unprotectable = 0;
          unknowns.forEach((u, i) => {
            const [r, c] = [Number(u.key.split('|')[0]), u.key.split('|')[1]];
            const { lower, upper } = intervals[i];
            if (upper === 0) return; // shown by the published figures to count nobody
            const value = real(r, c)!;
            const small = value >= 1 && value < threshold;
            const wide = (l: number, h: number) => (mark(r, c) === 'small' ? l === 1 && h === threshold - 1 : small ? l <= 1 && h >= threshold - 1 : h - l >= Math.min(threshold - 2, u.upper));
            const best = wide(lower, upper) ? undefined : totalsAlone(u.key);
            if (best && (small ? !(best.lower <= 1 && best.upper >= threshold - 1) : best.upper - best.lower < Math.min(threshold - 2, u.upper))) {
              // Unprotectable whatever is hidden: the file must narrow it no further than the totals alone do.
              expect(lower <= Math.max(best.lower, mark(r, c) === 'small' ? 1 : 0) && upper >= Math.min(best.upper, mark(r, c) === 'small' ? threshold - 1 : Infinity), `${where} ${c} row ${r} narrowed to ${lower}..${upper} (totals alone ${best.lower}..${best.upper})`).toBe(true);
              unprotectable += 1;
              return;
            }
            if (mark(r, c) === 'small') expect([lower, upper], `${where} ${c} row ${r}: narrowed`).toEqual([1, threshold - 1]);
            // A small count shown as "[c]" must still be able to be anything from 1 to threshold − 1.
            else if (value >= 1 && value < threshold) expect(lower <= 1 && upper >= threshold - 1, `${where} ${c} row ${r} small [c] narrowed to ${lower}..${upper}`).toBe(true);
            // Any other hidden count keeps at least as many possible values as a "<5" mark does.
            else expect(upper - lower, `${where} ${c} row ${r} [c] narrowed to ${lower}..${upper}`).toBeGreaterThanOrEqual(Math.min(threshold - 2, u.upper));
          });
          // A count no suppression could protect is never passed over in silence.
          if (unprotectable > 0) expect(file, `${where}: ${unprotectable} unprotectable count(s) not declared`).toMatch(/could narrow down and that hiding more could not protect .*: check before sharing/);

          // 3. Summary statistics over a group with a hidden cell are not published.
          for (const summary of analysis.suppression?.summaries ?? []) {
            published.forEach((row, r) => {
              const group = published.filter((other) => summary.within.every((c) => other[c] === row[c]));
              if (group.some((other) => other[summary.over] === `<${threshold}` || other[summary.over] === '[c]')) {
                for (const c of summary.columns) expect(['', '[c]'], `${where} ${c} over hidden ${summary.over}`).toContain(published[r][c]);
              }
            });
          }

          // 4. Row order: a group with anything hidden is in name order, never ranked by a value.
          const anyHidden = published.some((_, r) => analysis.columns.some((c) => mark(r, c.name)));
          if (anyHidden && analysis.suppression?.order) {
            const order = analysis.suppression.order;
            const collator = new Intl.Collator('en-GB', { numeric: true, sensitivity: 'base' });
            const groupKey = (r: number) => JSON.stringify(order.slice(0, -1).map((c) => published[r][c]));
            const hiddenGroups = new Set(published.map((_, r) => r).filter((r) => analysis.columns.some((c) => mark(r, c.name))).map(groupKey));
            for (let r = 1; r < published.length; r++) {
              const sameGroup = groupKey(r) === groupKey(r - 1) && hiddenGroups.has(groupKey(r));
              if (sameGroup) expect(collator.compare(String(published[r - 1][order.at(-1)!]), String(published[r][order.at(-1)!])), `${where} order at ${r}`).toBeLessThanOrEqual(0);
            }
          }

          // 5. The chart: a hidden value is never drawn with a length; it is marked "[c]" at the axis (or, for a
          // stacked bar's hidden segment, named in the chart's note).
          const prepared = await engine.invoke('exports.prepare', { resultId, suppression: { threshold } });
          if (!prepared.ok) throw new Error(prepared.error.message);
          const { x, y } = analysis.chart;
          if (analysis.chart.type === 'stacked' && y && analysis.chart.series) {
            const { area, comparator, period: when, source, rows: stackedRows } = prepared.value;
            const figure = buildFigure(analysis, stackedRows, defaultChartOptions(analysis, { area, comparator, period: when }), { area, comparator, period: when, source });
            const note = JSON.stringify(figure.layout.annotations).replace(/<br>/g, ' ');
            for (const row of stackedRows.filter((r) => r[y] === null && r[analysis.chart.series!])) expect(note, `${where} stacked note`).toContain(String(row[analysis.chart.series!]));
          }
          if (x && y && ['interval-bars', 'bars', 'ward-ranking', 'pyramid'].includes(analysis.chart.type)) {
            for (const filterValue of analysis.chart.filter ? filterChoices(analysis, prepared.value.rows) : [undefined]) {
              const options = { ...defaultChartOptions(analysis, prepared.value), ...(filterValue !== undefined ? { filterValue } : {}) };
              const { area, comparator, period: when, source } = prepared.value;
              const figure = buildFigure(analysis, prepared.value.rows, options, { area, comparator, period: when, source });
              const shown = analysis.chart.filter ? prepared.value.rows.filter((row) => (row[analysis.chart.filter!.column] ?? null) === (filterValue ?? null)) : prepared.value.rows;
              // A category drawn from one row (the survey's breakdowns put several under one question).
              const once = (category: string) => shown.filter((row) => String(row[x]) === category).length === 1;
              const hiddenCats = shown.filter((row) => row[y] === null && !(analysis.chart.exclude ?? []).includes(String(row[x])) && once(String(row[x]))).map((row) => String(row[x]));
              const marked = figure.data.filter((t) => t.mode === 'text').flatMap((t) => t.y as string[]);
              for (const category of hiddenCats) expect(marked, `${where} chart: hidden ${category} unmarked`).toContain(category);
              // Nothing drawn with a length at a hidden category.
              for (const trace of figure.data.filter((t) => t.type === 'bar')) {
                const cats = (trace.y as string[]) ?? [];
                const values = (trace.x as (number | null)[]) ?? [];
                cats.forEach((category, i) => {
                  if (analysis.chart.type !== 'pyramid' && hiddenCats.includes(category)) expect(values[i], `${where} chart bar for hidden ${category}`).toBeNull();
                });
              }
            }
          }
        }
      }
      // The sample workspace has plenty to hide: the intruder had something to work on.
      expect(hiddenSeen).toBeGreaterThan(100);
    }, 600_000);
  }

  it('declares a publication order for every analysis whose own order reads a count or a value', () => {
    for (const analysis of analyses) {
      const orderBy = analysis.sql.slice(analysis.sql.toUpperCase().lastIndexOf('ORDER BY'));
      const valueColumns = analysis.columns.filter((c) => !['text', 'date'].includes(c.format)).map((c) => c.name);
      const ranked = valueColumns.some((c) => new RegExp(`\\b${c}\\b`).test(orderBy));
      if (ranked) expect(analysis.suppression?.order, `${analysis.id} orders by a value`).toBeDefined();
      for (const column of analysis.suppression?.order ?? []) {
        expect(['text', 'date'], `${analysis.id} orders by ${column}`).toContain(analysis.columns.find((c) => c.name === column)?.format);
      }
    }
  });
});

function defaults(analysis: Analysis): Record<string, string | number> {
  return Object.fromEntries(analysis.parameters.filter((p) => p.default !== undefined).map((p) => [p.name, p.default!]));
}
