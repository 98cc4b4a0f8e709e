import fs from 'node:fs';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createWorkspaceHost, type WorkspaceHost } from '../../electron/host/workspaceHost';
import type { Channel, Input, OperationEvent, Output } from '../../shared/api';
import type { Result } from '../../shared/result';
import { createTable, tempDir } from '../support/tempWorkspace';

describe('the workspace host: open, create, recent, and where the analyst left off', () => {
  const { dir, cleanup } = tempDir('csw-host-');
  const settingsDir = path.join(dir, 'settings');
  const first = path.join(dir, 'Lichfield 2019.duckdb');
  const second = path.join(dir, 'Tamworth.duckdb');
  let host: WorkspaceHost;
  const call = <C extends Channel>(channel: C, input: Input<C>) => host.dispatch(channel, input) as Promise<Result<Output<C>>>;

  beforeAll(async () => {
    host = await createWorkspaceHost(first, { settingsDir });
    await createTable(host.current(), 'crimes', 'SELECT range AS id FROM range(5)');
  });
  afterAll(() => {
    host.close();
    cleanup();
  });

  it('starts on the workspace it was given, named from its file', async () => {
    const session = await call('session.get', {});
    expect(session.ok && session.value).toMatchObject({ current: { path: first, name: 'Lichfield 2019' }, canChooseFiles: false, ui: {} });
    const info = await call('workspace.info', {});
    expect(info.ok && info.value).toMatchObject({ name: 'Lichfield 2019' });
  });

  it('creates a new empty workspace and switches to it; the recent list has both', async () => {
    const created = await call('workspace.create', { path: second });
    expect(created.ok && created.value).toMatchObject({ path: second, name: 'Tamworth' });
    const datasets = await call('datasets.list', {});
    expect(datasets.ok && datasets.value).toEqual({ datasets: [] });
    const session = await call('session.get', {});
    expect(session.ok && session.value.recent.map((r) => r.name)).toEqual(['Tamworth', 'Lichfield 2019']);
  });

  it('never replaces an existing file when creating', async () => {
    const again = await call('workspace.create', { path: first });
    expect(!again.ok && again.error.message).toMatch(/already exists: open it instead/);
    expect(host.current().workspace.path).toBe(second);
  });

  it('keeps the current workspace open when another fails to open', async () => {
    const notThere = await call('workspace.open', { path: path.join(dir, 'missing.duckdb') });
    expect(!notThere.ok && notThere.error).toMatchObject({ code: 'not_found' });
    const garbage = path.join(dir, 'garbage.duckdb');
    fs.writeFileSync(garbage, 'this is not a database '.repeat(200));
    const bad = await call('workspace.open', { path: garbage });
    expect(bad.ok).toBe(false);
    expect(host.current().workspace.path).toBe(second);
    expect((await call('datasets.list', {})).ok).toBe(true);
  });

  it('reopens a workspace with its data, and remembers where the analyst was in each', async () => {
    expect((await call('session.remember', { path: second, ui: { view: 'sql', sql: 'SELECT 1' } })).ok).toBe(true);
    const opened = await call('workspace.open', { path: first });
    expect(opened.ok).toBe(true);
    const datasets = await call('datasets.list', {});
    expect(datasets.ok && datasets.value.datasets.map((d) => [d.name, d.rowCount])).toEqual([['crimes', 5]]);
    expect((await call('session.remember', { path: first, ui: { view: 'library', analysis: 'crime-rates', area: 'E07000194' } })).ok).toBe(true);
    const stranger = await call('session.remember', { path: '/elsewhere.duckdb', ui: {} });
    expect(!stranger.ok && stranger.error.code).toBe('not_found');
    // A new host on the same settings: the app started again.
    const again = await createWorkspaceHost(second, { settingsDir });
    const session = (await again.dispatch('session.get', {})) as Result<Output<'session.get'>>;
    again.close();
    expect(session.ok && session.value.ui).toEqual({ view: 'sql', sql: 'SELECT 1' });
  });

  it('forwards operation events from whichever workspace is open', async () => {
    const events: OperationEvent[] = [];
    const stop = host.onEvent((e) => events.push(e));
    const ran = await call('sql.run', { sql: 'SELECT 42 AS answer', operationId: randomUUID() });
    stop();
    expect(ran.ok).toBe(true);
    expect(events).toContainEqual(expect.objectContaining({ type: 'end', outcome: 'done' }));
  });

  it('says plainly that a browser has no file dialog', async () => {
    const chosen = await call('files.choose', { purpose: 'import' });
    expect(!chosen.ok && chosen.error).toMatchObject({ code: 'unsupported', message: expect.stringMatching(/type or paste the file's full path/) });
  });
});
