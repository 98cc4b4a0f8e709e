import type { Api, ColumnInfo, JsonValue, OperationEvent } from '../../shared/api';
import { ok, fail } from '../../shared/result';

export interface FakeTable {
  columns: ColumnInfo[];
  rows: Record<string, JsonValue>[];
}

/**
 * An in-memory Api for component tests: same contract, answers from plain arrays. It records calls so tests can
 * check what the UI asked for, and lets tests push operation events.
 */
export function createFakeApi(tables: Record<string, FakeTable>, answers: Partial<Omit<Api, 'onEvent'>> = {}) {
  const calls: { channel: string; input: unknown }[] = [];
  const listeners = new Set<(e: OperationEvent) => void>();
  const record = (channel: string, input: unknown) => calls.push({ channel, input });
  const api: Api = {
    async 'workspace.info'(input) {
      record('workspace.info', input);
      return ok({ name: 'Fake workspace', path: '/fake.duckdb', appVersion: '0.0.0', duckdbVersion: 'v0' });
    },
    async 'datasets.list'(input) {
      record('datasets.list', input);
      return ok({ datasets: Object.entries(tables).map(([name, t]) => ({ name, rowCount: t.rows.length, columns: t.columns })) });
    },
    async 'grid.page'(input) {
      record('grid.page', input);
      if (input.source.kind !== 'dataset' || !tables[input.source.name]) return fail('not_found', 'No such dataset.');
      const rows = tables[input.source.name].rows;
      return ok({ rows: rows.slice(input.startRow, input.endRow), rowCount: rows.length });
    },
    async 'sql.run'(input) {
      record('sql.run', input);
      return fail('not_allowed', 'The fake runs no SQL.');
    },
    async 'import.run'(input) {
      record('import.run', input);
      return fail('not_allowed', 'The fake imports nothing.');
    },
    async 'import.preview'(input) {
      record('import.preview', input);
      return fail('not_allowed', 'The fake previews nothing.');
    },
    async 'profiles.list'(input) {
      record('profiles.list', input);
      return ok({ profiles: [] });
    },
    async 'profiles.save'(input) {
      record('profiles.save', input);
      return ok({ saved: true as const });
    },
    async 'areas.list'(input) {
      record('areas.list', input);
      return ok({ areas: [{ code: 'E07000194', name: 'Lichfield', type: 'district' as const }] });
    },
    async 'analyses.list'(input) {
      record('analyses.list', input);
      return ok({ analyses: [] });
    },
    async 'analyses.run'(input) {
      record('analyses.run', input);
      return fail('not_allowed', 'The fake runs no analyses.');
    },
    async 'analyses.values'(input) {
      record('analyses.values', input);
      return ok({ values: [] });
    },
    async 'analyses.save'(input) {
      record('analyses.save', input);
      return fail('not_allowed', 'The fake saves nothing.');
    },
    async 'import.check'(input) {
      record('import.check', input);
      return fail('not_allowed', 'The fake checks nothing.');
    },
    async 'imports.list'(input) {
      record('imports.list', input);
      return ok({ imports: [] });
    },
    async 'imports.quarantine'(input) {
      record('imports.quarantine', input);
      return fail('not_found', 'The fake has no imports.');
    },
    async 'imports.remove'(input) {
      record('imports.remove', input);
      return fail('not_found', 'The fake has no imports.');
    },
    async 'imports.removal'(input) {
      record('imports.removal', input);
      return fail('not_found', 'The fake has no imports.');
    },
    async 'results.csv'(input) {
      record('results.csv', input);
      return fail('not_found', 'The fake holds no results.');
    },
    async 'exports.prepare'(input) {
      record('exports.prepare', input);
      return fail('not_found', 'The fake holds no results.');
    },
    async 'exports.table'(input) {
      record('exports.table', input);
      return fail('not_found', 'The fake holds no results.');
    },
    async 'exports.boardPack'(input) {
      record('exports.boardPack', input);
      return fail('not_found', 'The fake holds no results.');
    },
    async 'charts.save'(input) {
      record('charts.save', input);
      return ok({ saved: input.options !== null });
    },
    async 'priorities.get'(input) {
      record('priorities.get', input);
      return ok({ area: input.area, version: 0, saved_at: null, saved_by: null, weights: { individual: 1, community: 1, public_expectation: 0.5, organisational_position: 0.5 }, priorities: [] });
    },
    async 'priorities.save'(input) {
      record('priorities.save', input);
      return fail('not_allowed', 'The fake saves no priorities.');
    },
    async 'audit.list'(input) {
      record('audit.list', input);
      return fail('not_found', 'The fake keeps no audit log.');
    },
    async 'session.get'(input) {
      record('session.get', input);
      const current = { path: '/fake.duckdb', name: 'Fake workspace', openedAt: '2026-11-21T09:00:00.000Z' };
      return ok({ current, recent: [current], ui: {}, canChooseFiles: false });
    },
    async 'session.remember'(input) {
      record('session.remember', input);
      return ok({ saved: true as const });
    },
    async 'workspace.open'(input) {
      record('workspace.open', input);
      return fail('not_found', `There is no workspace at ${input.path}.`);
    },
    async 'workspace.create'(input) {
      record('workspace.create', input);
      return fail('not_allowed', 'The fake creates nothing.');
    },
    async 'workspace.backups'(input) {
      record('workspace.backups', input);
      return ok({ backups: [] });
    },
    async 'workspace.restore'(input) {
      record('workspace.restore', input);
      return fail('not_found', 'The fake keeps no backups.');
    },
    async 'files.choose'(input) {
      record('files.choose', input);
      return fail('unsupported', 'There is no file dialog in the browser.');
    },
    async 'operations.cancel'(input) {
      record('operations.cancel', input);
      return ok({ cancelled: true });
    },
    onEvent(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
  // A test's own answers replace the defaults, still recorded.
  for (const [channel, answer] of Object.entries(answers)) {
    (api as unknown as Record<string, unknown>)[channel] = async (input: unknown) => {
      record(channel, input);
      return (answer as (i: unknown) => unknown)(input);
    };
  }
  return { api, calls, emit: (e: OperationEvent) => listeners.forEach((l) => l(e)) };
}
