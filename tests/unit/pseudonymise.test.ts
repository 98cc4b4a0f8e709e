import { createHmac } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { afterAll, describe, expect, it } from 'vitest';
import { Pseudonymiser } from '../../electron/engine/import/pseudonymise';
import { tempDir } from '../support/tempWorkspace';

describe('the pseudonymiser', () => {
  const { dir, cleanup } = tempDir('csw-pseudo-');
  afterAll(cleanup);

  it('computes exactly HMAC-SHA-256 under the workspace key, so hashes stay stable across versions and imports', () => {
    const ws = path.join(dir, 'ws.duckdb');
    const pseudonymiser = Pseudonymiser.forWorkspace(ws);
    const key = Buffer.from(fs.readFileSync(path.join(dir, 'ws.key'), 'utf8').trim(), 'hex');
    const ids = ['VIC-000123', ' VIC-000123 ', 'O000000042', '', 'ünïcödé £', 'x'.repeat(500), 'VIC-000123'];
    for (const id of ids) expect(pseudonymiser.hash(id)).toBe(createHmac('sha256', key).update(id.trim()).digest('hex').slice(0, 24));
    // A second instance (the next import) reads the same key and gives the same hashes.
    expect(Pseudonymiser.forWorkspace(ws).hash('VIC-000123')).toBe(pseudonymiser.hash('VIC-000123'));
  });

  it('gives different hashes under another workspace\'s key', () => {
    const a = Pseudonymiser.forWorkspace(path.join(dir, 'a.duckdb')).hash('VIC-000123');
    const b = Pseudonymiser.forWorkspace(path.join(dir, 'b.duckdb')).hash('VIC-000123');
    expect(a).not.toBe(b);
  });

  it('hashes in SQL (the CSV fast path) exactly as in Node, trimming what JavaScript trims and keeping blank values', async () => {
    const pseudonymiser = Pseudonymiser.forWorkspace(path.join(dir, 'sql.duckdb'));
    const ids = ['VIC-1', ' VIC-1 ', '\tVIC-1\r', '\u00a0VIC-1\u3000', 'VIC-1\ufeff', '\u2028VIC-1\u2029', 'V\u00a0I C', 'ünïcödé £', '', '  ', '\u00a0', 'x'.repeat(300)];
    const instance = await DuckDBInstance.create(':memory:');
    const connection = await instance.connect();
    try {
      for (const id of ids) {
        const { sql, params } = pseudonymiser.sqlHash('$id');
        const [[hashed]] = (await connection.runAndReadAll(`SELECT ${sql}`, { ...params, id })).getRows();
        expect([id, hashed]).toEqual([id, id.trim() === '' ? id : pseudonymiser.hash(id)]);
      }
    } finally {
      connection.closeSync();
      instance.closeSync();
    }
  });
});
