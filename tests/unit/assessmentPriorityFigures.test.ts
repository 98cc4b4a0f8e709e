import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEngine, type Engine } from '../../electron/engine';
import { sampleWorkspace } from '../support/sampleWorkspace';
import { roundTo } from '../../sample-data/generator/calibrate';
import { readCsv } from '../../sample-data/generator/files';
import { figureSources, type FigureSource } from '../support/priorityFigures';
import { tempDir } from '../support/tempWorkspace';

const csv = path.resolve(__dirname, '..', '..', 'sample-data', 'reference', 'assessment-2019-priority-figures.csv');

/** The published precision: the decimals the CSV gives, or the step a rounded count is given to. */
function rounded(value: number, published: string, step?: number): number {
  if (step) return Math.round(value / step) * step;
  return roundTo(value, published.includes('.') ? published.split('.')[1].length : 0);
}

describe('every figure of the assessment\'s priority sections, from the library', () => {
  const { dir, cleanup } = tempDir('csw-priority-');
  let engine: Engine;
  const runs = new Map<string, Promise<Record<string, unknown>[]>>();
  const rows = (source: FigureSource) => {
    const key = `${source.id} ${JSON.stringify(source.params)}`;
    if (!runs.has(key)) {
      runs.set(
        key,
        (async () => {
          const ran = await engine.invoke('analyses.run', { id: source.id, params: source.params, operationId: `op-${source.id}-priority` });
          if (!ran.ok) throw new Error(`${source.id}: ${ran.error.message}`);
          const page = await engine.invoke('grid.page', { source: { kind: 'result', id: ran.value.resultId }, startRow: 0, endRow: Math.max(1, ran.value.rowCount) });
          if (!page.ok) throw new Error(page.error.message);
          return page.value.rows;
        })(),
      );
    }
    return runs.get(key)!;
  };
  const find = (all: Record<string, unknown>[], match: Record<string, string | null>) => all.filter((r) => Object.entries(match).every(([k, v]) => (r[k] ?? null) === v));

  beforeAll(async () => {
    const ws = path.join(dir, 'sample.duckdb');
    await sampleWorkspace(ws);
    engine = await createEngine(ws);
  }, 180_000);
  afterAll(() => {
    engine?.close();
    cleanup();
  });

  const figures = readCsv(csv);

  it('names a source for each of the 56 figures, and each is an analysis in the library', async () => {
    expect(figures).toHaveLength(56);
    expect(Object.keys(figureSources).sort()).toEqual(figures.map((f) => f.measure).sort());
    const listed = await engine.invoke('analyses.list', {});
    const ids = new Set(listed.ok ? listed.value.analyses.map((a) => a.id) : []);
    for (const source of Object.values(figureSources)) expect(ids, source.id).toContain(source.id);
  });

  it.each(figures.map((f) => [f.measure, f] as const))('%s', async (measure, figure) => {
    const source = figureSources[measure];
    const all = await rows(source);
    const [row, ...more] = find(all, source.row);
    expect(more, `${source.id}: one row for ${JSON.stringify(source.row)}`).toHaveLength(0);
    expect(row, `${source.id}: a row for ${JSON.stringify(source.row)}`).toBeDefined();
    const area = Number(row[source.column]);
    if (source.withinOneStep) {
      const step = 10 ** -(figure.area_value.split('.')[1]?.length ?? 0);
      expect(Math.abs(rounded(area, figure.area_value) - Number(figure.area_value)), `${measure}: ${area}`).toBeLessThanOrEqual(step + 1e-9);
    } else {
      expect({ measure, area: rounded(area, figure.area_value, source.step) }).toEqual({ measure, area: Number(figure.area_value) });
    }
    if (figure.comparator_value) {
      const comparatorRow = source.comparatorRow ? find(all, source.comparatorRow)[0] : row;
      const comparator = Number(comparatorRow?.[source.comparatorColumn!]);
      expect({ measure, comparator: rounded(comparator, figure.comparator_value) }).toEqual({ measure, comparator: Number(figure.comparator_value) });
    }
  });
});
