import { render } from '@testing-library/react';
import type { Output } from '../../shared/api';
import { analyses } from '../../shared/analyses/registry';
import type { UiState } from '../../shared/contracts/session';
import type { JsonValue } from '../../shared/contracts/common';
import { ok } from '../../shared/result';
import { ApiProvider } from '../../renderer/src/api/ApiContext';
import { App } from '../../renderer/src/app/App';
import { createFakeApi, type Answers } from './fakeApi';

type Listed = Output<'analyses.list'>['analyses'][number];
type Prepared = Output<'exports.prepare'>;

/** A library analysis as analyses.list gives it: its real metadata, without its SQL. */
export function listed(id: string): Listed {
  const found = analyses.find((a) => a.id === id);
  if (!found) throw new Error(`There is no library analysis ${id}.`);
  return (({ sql: _sql, ...metadata }: typeof found) => ({ ...metadata, source: 'library' as const }))(found);
}

/** The areas the header offers, as areas.list gives them: a district and its force, by code. */
export const areas = [
  { code: 'E07000194', name: 'Lichfield', type: 'district' as const },
  { code: 'E07000197', name: 'Stafford', type: 'district' as const },
  { code: 'E23000015', name: 'Staffordshire', type: 'force' as const },
];

/**
 * An exports.prepare answer for an analysis's rows: what the engine gives once a result is suppressed, with its
 * provenance (the fake checks it against the contract like any canned answer).
 */
export function prepared(analysis: Listed, rows: Record<string, JsonValue>[], changes: Partial<Prepared> = {}): Prepared {
  return {
    analysis: (({ source: _source, ...metadata }: Listed) => metadata)(analysis),
    title: analysis.title,
    area: 'Lichfield',
    comparator: 'Staffordshire',
    period: '1 April 2018 to 31 March 2019',
    rows,
    hidden: [],
    statement: 'Counts from 1 to 4 are shown as <5.',
    source: 'Source: crimes (crimes-2019.csv, imported 21/11/2026, SHA-256 3f2a9c1e…).',
    provenance: {
      workspace: 'Fake workspace',
      analysis: { id: analysis.id, title: analysis.title, source: 'library' },
      parameters: { area: 'Lichfield', from: '2018-04-01', to: '2019-03-31' },
      method: analysis.method,
      sources: [{ dataset: 'crimes', file: 'crimes-2019.csv', imported_at: '2026-11-21T09:00:00.000Z', sha256: '3f2a9c1e'.repeat(8), rows: 8_123 }],
      app_version: '0.1.0',
      duckdb_version: 'v1.5.5',
      exported_at: '2026-11-21T10:30:00.000Z',
    },
    boundaries: {},
    truncated: false,
    savedChart: null,
    ...changes,
  };
}

/** The analyses.run answer for a result: what the engine says it ran. */
export function ran(analysis: Listed, resultId = 'r_1', rowCount = 3): Output<'analyses.run'> {
  return {
    resultId,
    columns: analysis.columns.map((c) => ({ name: c.name, type: c.format === 'text' ? 'VARCHAR' : 'DOUBLE' })),
    rowCount,
    parameters: { area: 'Lichfield', from: '2018-04-01', to: '2019-03-31' },
    area: 'Lichfield',
    comparator: 'Staffordshire',
    coverage: [],
    warnings: [],
    notes: [],
    elapsedMs: 42,
  };
}

/**
 * The whole app on the given view, over the fake Api: a workspace with the header's area (and any other settings)
 * already chosen, the areas above and the given analyses in the library.
 */
export function renderWorkbench(ui: UiState, library: Listed[], answers: Answers = {}) {
  const current = { path: '/w.duckdb', name: 'W', openedAt: '2026-11-21T09:00:00.000Z' };
  const fake = createFakeApi(
    {},
    {
      'session.get': () => ok({ current, recent: [current], ui, canChooseFiles: false }),
      'areas.list': () => ok({ areas, suggested: 'E07000194' }),
      'analyses.list': () => ok({ analyses: library }),
      ...answers,
    },
  );
  render(
    <ApiProvider api={fake.api}>
      <App />
    </ApiProvider>,
  );
  return fake;
}

/**
 * jsdom lays nothing out: it has no ResizeObserver, and its text ranges have no client rectangles (CodeMirror asks
 * for them to draw the cursor). Here the observer never reports a size, so the chart panel never draws its plot
 * (jsdom cannot draw one; the end-to-end tests do, in Chromium), and ranges measure as empty, while everything else
 * renders as it does in the app.
 */
export function withoutLayout() {
  globalThis.ResizeObserver ??= class {
    observe() {}
    unobserve() {}
    disconnect() {}
  };
  const empty = () => ({ x: 0, y: 0, top: 0, left: 0, bottom: 0, right: 0, width: 0, height: 0, toJSON: () => ({}) }) as DOMRect;
  Range.prototype.getClientRects ??= () => Object.assign([], { item: () => null }) as unknown as DOMRectList;
  Range.prototype.getBoundingClientRect ??= empty;
}
