import { describe, expect, it, vi } from 'vitest';
import type { Channel } from '../../shared/api';
import { channelNames } from '../../shared/channels';
import { createDispatcher } from '../../electron/engine/dispatch';
import type { Handlers } from '../../electron/engine/handlers';
import path from 'node:path';
import { createWorkspaceHost } from '../../electron/host/workspaceHost';
import { fingerprint } from '../support/importHelpers';
import { createTable, crimesSelect, tempDir } from '../support/tempWorkspace';

/** Handlers that fail the test if reached: a malformed payload must never get this far. */
function trapHandlers() {
  const calls: string[] = [];
  const handlers = Object.fromEntries(
    channelNames.map((channel) => [channel, vi.fn(async () => { calls.push(channel); throw new Error('reached the engine'); })]),
  ) as unknown as Handlers;
  return { handlers, calls };
}

const malformed: Record<Channel, unknown[]> = {
  'workspace.info': [undefined, null, 42, 'x', [], { extra: 1 }],
  'datasets.list': [undefined, null, true, [{}], { name: 'crimes' }],
  'grid.page': [
    {},
    { source: { kind: 'dataset', name: 'crimes' }, startRow: 0 },
    { source: { kind: 'dataset', name: 'crimes; DROP TABLE crimes' }, startRow: 0, endRow: 100 },
    { source: { kind: 'dataset', name: '"crimes"' }, startRow: 0, endRow: 100 },
    { source: { kind: 'table', name: 'crimes' }, startRow: 0, endRow: 100 },
    { source: { kind: 'result', id: '../x' }, startRow: 0, endRow: 100 },
    { source: { kind: 'dataset', name: 'crimes' }, startRow: -1, endRow: 100 },
    { source: { kind: 'dataset', name: 'crimes' }, startRow: 100, endRow: 50 },
    { source: { kind: 'dataset', name: 'crimes' }, startRow: 0, endRow: 1e9 },
    { source: { kind: 'dataset', name: 'crimes' }, startRow: 0.5, endRow: 100 },
    { source: { kind: 'dataset', name: 'crimes' }, startRow: 0, endRow: 100, sortModel: [{ colId: 'id', sort: 'sideways' }] },
    { source: { kind: 'dataset', name: 'crimes' }, startRow: 0, endRow: 100, filterModel: { id: { filterType: 'number', type: 'equals', filter: 'DROP' } } },
    { source: { kind: 'dataset', name: 'crimes' }, startRow: 0, endRow: 100, filterModel: { id: { filterType: 'sql', type: 'raw', filter: '1=1' } } },
  ],
  'sql.run': [{}, { sql: '' }, { sql: 'select 1' }, { sql: 'select 1', operationId: 'short' }, { sql: 7, operationId: 'op-12345678' }, { sql: 'x'.repeat(100_001), operationId: 'op-12345678' }],
  'import.run': [
    {},
    { file: '/tmp/x.csv', as: 'crimes' },
    { file: '', as: 'crimes', operationId: 'op-12345678' },
    { file: '/tmp/x.csv', as: 'bogus', operationId: 'op-12345678' },
    { file: '/tmp/x.csv', as: 'crimes', operationId: 'op-12345678', mapping: { dataset: 'crimes', columns: { not_a_column: 'A' } } },
    { file: '/tmp/x.csv', as: 'crimes', operationId: 'op-12345678', mapping: { dataset: 'crimes', columns: {}, date_format: "%d'; DROP TABLE x; --" } },
  ],
  'import.preview': [{}, { file: '/tmp/x.csv' }, { file: '/tmp/x.csv', as: 'nope' }, { file: 7, as: 'crimes' }],
  'import.check': [
    {},
    { file: '/tmp/x.csv', as: 'crimes' },
    { file: '/tmp/x.csv', as: 'crimes', operationId: 'op-12345678', overrides: { delimiter: '#' } },
    { file: '/tmp/x.csv', as: 'crimes', operationId: 'op-12345678', overrides: { date_format: "%d'; DROP TABLE x" } },
    { file: '/tmp/x.csv', as: 'crimes', operationId: 'op-12345678', overrides: { encoding: 'ebcdic' } },
    { file: '/tmp/x.csv', as: 'crimes', operationId: 'op-12345678', ward_aliases: { Burntwood: 7 } },
    { file: '/tmp/x.csv', as: 'crimes', operationId: 'op-12345678', ward_aliases: { '': 'Boney Hay' } },
  ],
  'imports.list': [null, { import_id: 1 }],
  'imports.quarantine': [{}, { importId: 0 }, { importId: '1' }, { importId: 1.5 }, { importId: -3 }],
  'imports.remove': [{}, { importId: 0 }, { importId: '1' }, { importId: 1.5 }, { importId: -3 }],
  'imports.removal': [{}, { importId: 0 }, { importId: '1' }, { importId: 2.5 }],
  'audit.list': [null, { since: '2019-01-01' }],
  'results.csv': [{}, { resultId: 'crimes' }, { resultId: 'r_1; DROP TABLE crimes' }, { resultId: 1 }],
  'exports.prepare': [{}, { resultId: 'crimes' }, { resultId: 'r_1', suppression: { threshold: -1 } }, { resultId: 'r_1', suppression: { threshold: 2.5 } }],
  'exports.table': [{ resultId: 'r_1' }, { resultId: 'r_1', format: 'pdf' }, { resultId: 'r_1', format: 'csv', suppression: { threshold: 1000 } }],
  'exports.write': [{ resultId: 'r_1' }, { resultId: 'r_1', format: 'csv' }, { resultId: 'r_1', format: 'pdf', target: '/tmp/x.pdf' }, { resultId: 'r_1', format: 'csv', target: '' }, { resultId: '../r_1', format: 'csv', target: '/tmp/x.csv' }, { resultId: 'r_1', format: 'csv', target: '/tmp/x.csv', raw: true }],
  'priorities.get': [{}, { area: '' }, { area: '   ' }, { area: 7 }, { area: 'Lichfield', version: 2 }],
  'priorities.save': [
    {},
    { document: null },
    { document: { format: 'csw-priorities', version: 1, area: 'Lichfield', priorities: [{ name: 'Fraud', grades: { likelihood: 9 } }] } },
    { document: { format: 'csw-priorities', version: 2, area: 'Lichfield', priorities: [] } },
    { document: { format: 'csw-priorities', version: 1, area: 'Lichfield', priorities: [{ name: 'Fraud', grades: {} }, { name: 'fraud', grades: {} }] } },
    { document: { format: 'csw-priorities', version: 1, area: 'Lichfield', priorities: [] }, extra: 1 },
  ],
  'priorities.export': [{}, { area: '' }, { area: 'Lichfield', target: '' }, { area: 'Lichfield', target: 7 }, { area: 'Lichfield', format: 'csv' }],
  'charts.save': [{ analysisId: 'crime-rates' }, { analysisId: 'x; DROP', options: null }, { analysisId: 'crime-rates', options: { type: 'pie' } }, { analysisId: 'crime-rates', options: { type: 'bars', title: 't', subtitle: '', xLabel: '', yLabel: '', sort: 'data', palette: 'board', colour: 'red' } }],
  'exports.boardPack': [{ title: 'x', sections: [] }, { title: '', sections: [{ resultId: 'r_1' }] }, { title: 'x', sections: [{ resultId: 'r_1', chartPng: 'not base64!' }] }, { title: 'x', sections: [{ resultId: 'r_1', chart: { colour: 'red' } }] }],
  'session.get': [null, { path: '/tmp' }],
  'session.remember': [{}, { ui: {} }, { path: '/w.duckdb', ui: { view: 'elsewhere' } }, { path: '/w.duckdb', ui: { sneaky: 1 } }, { path: '/w.duckdb', ui: { sql: 'x'.repeat(100_001) } }],
  'workspace.open': [{}, { path: '' }, { path: '/etc/passwd' }, { path: 42 }],
  'workspace.create': [{}, { path: 'new.txt' }, { path: 'new.duckdb', sample: 'yes' }],
  'workspace.backups': [{}, { path: '/x.txt' }],
  'workspace.restore': [{}, { path: '/w.duckdb' }, { path: '/w.duckdb', backup: '' }],
  'files.choose': [{}, { purpose: 'delete' }, { purpose: 'import', suggestedName: 'x'.repeat(300) }],
  'profiles.list': [null, { name: 'x' }],
  'profiles.save': [{}, { profile: { dataset: 'crimes', columns: {} } }, { profile: { name: 'x', dataset: 'cars', columns: {} } }],
  'areas.list': [null, { type: 'district' }],
  'analyses.list': [null, { id: 'crime-rates' }],
  'analyses.run': [
    {},
    { id: 'crime-rates' },
    { id: '../secret', operationId: 'op-12345678' },
    { id: 'crime-rates; DROP TABLE crimes', operationId: 'op-12345678' },
    { id: 'crime-rates', params: { 'area; drop': 'x' }, operationId: 'op-12345678' },
    { id: 'crime-rates', params: { area: { nested: true } }, operationId: 'op-12345678' },
  ],
  'analyses.values': [{}, { id: 'hotspot-wards' }, { id: '../x', name: 'measure' }, { id: 'hotspot-wards', name: 'measure; drop' }, { id: 'hotspot-wards', name: 'measure', params: { measure_kind: { nested: 1 } } }],
  'analyses.save': [{}, { analysis: { metadata: { id: 'BAD ID', title: 'x', parameters: [] }, sql: 'SELECT 1' } }, { analysis: { metadata: { id: 'ok', title: 'x', parameters: [] }, sql: '' } }],
  'operations.cancel': [{}, { operationId: '../../etc' }, { operationId: 12345678 }],
};

describe('the validating dispatcher', () => {
  it('has malformed cases for every channel in the contract', () => {
    expect(Object.keys(malformed).sort()).toEqual([...channelNames].sort());
  });

  for (const channel of channelNames) {
    it(`${channel} rejects malformed payloads with a clear error and never reaches the engine`, async () => {
      const { handlers, calls } = trapHandlers();
      const dispatch = createDispatcher(handlers);
      for (const input of malformed[channel]) {
        const result = await dispatch(channel, input);
        expect(result.ok, JSON.stringify(input)?.slice(0, 80)).toBe(false);
        if (!result.ok) {
          expect(result.error.code).toBe('invalid_input');
          expect(result.error.message).toContain(`Invalid ${channel} request`);
        }
      }
      expect(calls).toEqual([]);
    });
  }

  it('refuses unknown channels, including prototype keys', async () => {
    const { handlers, calls } = trapHandlers();
    const dispatch = createDispatcher(handlers);
    for (const channel of ['nope', '__proto__', 'constructor', 'toString', 42, null, undefined]) {
      const result = await dispatch(channel, {});
      expect(result).toMatchObject({ ok: false, error: { code: 'unknown_channel' } });
    }
    expect(calls).toEqual([]);
  });

  // (A random-payload test that judged the dispatcher by the same safeParse it calls could not fail: removed. The
  // real-engine fuzz below asserts what matters: the engine stays up and the data unchanged.)

  it('keeps a real engine standing through hundreds of random payloads per channel, its data unchanged', async () => {
    const { dir, cleanup } = tempDir('csw-fuzz-');
    const host = await createWorkspaceHost(path.join(dir, 'fuzz.duckdb'), { settingsDir: path.join(dir, 'settings') });
    try {
      await createTable(host.current(), 'crimes', crimesSelect(100));
      const before = await fingerprint(host.current());
      let seed = 20191121;
      const rand = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
      const pick = <T,>(list: readonly T[]) => list[Math.floor(rand() * list.length)];
      const atoms = [null, true, 0, 1, -1, 2.5, 1e308, 'crimes', '', 'r_1', 'op-12345678', '/etc/passwd', 'x.duckdb', "'; DROP TABLE crimes; --", 'x'.repeat(300), [], {}];
      const keys = ['source', 'kind', 'name', 'startRow', 'endRow', 'sortModel', 'filterModel', 'sql', 'operationId', 'id', 'params', 'file', 'as',
        'mapping', 'overrides', 'ward_aliases', 'importId', 'resultId', 'path', 'ui', 'purpose', 'analysis', 'profile', 'backup', 'sample'];
      const value = (depth: number): unknown => {
        const r = rand();
        if (depth > 2 || r < 0.4) return pick(atoms);
        if (r < 0.55) return Array.from({ length: Math.floor(rand() * 3) }, () => value(depth + 1));
        return Object.fromEntries(Array.from({ length: Math.floor(rand() * 6) }, () => [pick(keys), value(depth + 1)]));
      };
      for (const channel of channelNames) {
        for (let i = 0; i < 200; i++) {
          const result = await host.dispatch(channel, value(0));
          expect(typeof result === 'object' && result !== null && 'ok' in result, channel).toBe(true);
          if (!result.ok) expect(result.error.code, `${channel}: ${result.error.message}`).not.toBe('internal');
        }
      }
      expect(host.current().workspace.path).toBe(path.join(dir, 'fuzz.duckdb'));
      expect(await fingerprint(host.current())).toBe(before);
    } finally {
      host.close();
      cleanup();
    }
  }, 120_000);

  it('returns handler errors as data and checks output against the contract', async () => {
    const handlers = {
      'workspace.info': async () => ({ name: 'x' }),
      'datasets.list': async () => ({ datasets: [] }),
    } as unknown as Handlers;
    const dispatch = createDispatcher(handlers);
    expect(await dispatch('datasets.list', {})).toEqual({ ok: true, value: { datasets: [] } });
    const malformedOutput = await dispatch('workspace.info', {});
    expect(malformedOutput).toMatchObject({ ok: false, error: { code: 'internal' } });
  });
});
