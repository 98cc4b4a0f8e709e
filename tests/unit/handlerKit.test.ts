import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createEngine } from '../../electron/engine';
import { mergeHandlers, type EngineHandlers } from '../../electron/engine/handlerKit';
import { channelNames, hostChannelNames } from '../../shared/channels';
import { sql } from '../support/importHelpers';
import { tempDir } from '../support/tempWorkspace';

const engineChannels = channelNames.filter((c) => !(hostChannelNames as readonly string[]).includes(c));

/** Handlers by feature: merged over one context, each channel answered exactly once, audited where registered. */
describe('engine handlers by feature', () => {
  const { dir, cleanup } = tempDir('csw-handler-kit-');
  afterAll(cleanup);

  it('every engine channel is answered, and by a feature\'s own map', async () => {
    const engine = await createEngine(path.join(dir, 'every.duckdb'), { backups: false });
    try {
      expect(Object.keys(engine.handlers).sort()).toEqual([...engineChannels].sort());
    } finally {
      engine.close();
    }
  });

  it('a channel answered by two features is refused, naming it; one answered by none too', async () => {
    const engine = await createEngine(path.join(dir, 'twice.duckdb'), { backups: false });
    try {
      const { 'workspace.info': info, ...rest } = engine.handlers;
      // The casts stand for a slip the types would catch: what startup does if one gets past them.
      expect(() => mergeHandlers(...([rest, { 'workspace.info': info }, { 'workspace.info': info }] as unknown as [EngineHandlers]))).toThrow('Two engine features answer the channel workspace.info.');
      expect(() => mergeHandlers(...([rest] as unknown as [EngineHandlers]))).toThrow('No engine feature answers workspace.info.');
    } finally {
      engine.close();
    }
  });

  it('auditing declared at registration records subject, details and outcome as the handlers did', async () => {
    const engine = await createEngine(path.join(dir, 'audited.duckdb'), { backups: false });
    try {
      await engine.invoke('sql.run', { sql: 'SELECT 42 AS answer', operationId: randomUUID() });
      await engine.invoke('sql.run', { sql: 'SELECT * FROM no_such_table', operationId: randomUUID() });
      const rows = await sql(engine, `SELECT action, subject, detail, outcome FROM csw_meta.audit WHERE action = 'query' ORDER BY logged_at`);
      expect(rows).toEqual([
        ['query', 'SELECT 42 AS answer', JSON.stringify({ sql: 'SELECT 42 AS answer', rows: 1 }), 'done'],
        ['query', 'SELECT * FROM no_such_table', JSON.stringify({ sql: 'SELECT * FROM no_such_table' }), 'failed'],
      ]);
    } finally {
      engine.close();
    }
  });
});
