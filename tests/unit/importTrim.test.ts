import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DuckDBInstance, listValue, type DuckDBConnection } from '@duckdb/node-api';
import { cleaned, trimmedSql } from '../../electron/engine/import/expressions';

/*
 * The import skips DuckDB's trim() where it cannot change the text (expressions.ts trimmedSql: it cost 0.24 s per
 * million police.uk Crime IDs). The shortcut must give exactly what trim() gives, for every text a file may hold:
 * held here against trim() itself on text with each Unicode space separator, other white space trim() keeps, and
 * non-ASCII letters, at either end, in the middle and alone.
 */

let instance: DuckDBInstance;
let connection: DuckDBConnection;
beforeAll(async () => {
  instance = await DuckDBInstance.create(':memory:');
  connection = await instance.connect();
});
afterAll(() => {
  connection.closeSync();
  instance.closeSync();
});

// Unicode's space separators (what trim() removes), and white space and invisible characters it keeps.
const separators = [0x20, 0xa0, 0x1680, ...Array.from({ length: 11 }, (_, i) => 0x2000 + i), 0x202f, 0x205f, 0x3000];
const kept = [0x09, 0x0a, 0x0d, 0x0b, 0x0c, 0x85, 0x200b, 0xfeff, 0x2028];
const letters = ['x', 'Crime ID', 'é', 'Ŵrecsam', '東京', '🙂', ''];

function samples(): string[] {
  const out: string[] = ['', ' ', '  ', 'abc', ' abc', 'abc ', ' a b ', '\u00a0'];
  for (const code of [...separators, ...kept]) {
    const c = String.fromCodePoint(code);
    for (const word of letters) out.push(c + word, word + c, c + word + c, word + c + word, c, c + c + word + ' ', ' ' + word + c);
  }
  return out;
}

describe('trimmed text without trim() where trim() would change nothing', () => {
  it('gives what trim() gives, and what NULLIF(trim(), \'\') gives, for every sample', async () => {
    const values = samples();
    // NULL is added in SQL: a list parameter holding one reads as all NULL.
    await connection.run('CREATE TABLE t AS SELECT unnest(?::VARCHAR[]) AS v UNION ALL SELECT NULL', [listValue(values)]);
    const rows = (
      await connection.runAndReadAll(
        `SELECT v, trim(v) AS want, ${trimmedSql('v')} AS got, NULLIF(trim(v), '') AS want_cleaned, ${cleaned('v')} AS got_cleaned FROM t`,
      )
    ).getRows();
    expect(rows).toHaveLength(values.length + 1);
    const wrong = rows.filter(([, want, got, wantCleaned, gotCleaned]) => want !== got || wantCleaned !== gotCleaned);
    expect(wrong).toEqual([]);
    // The samples do exercise both sides: some values trim() changes, including by a non-ASCII separator.
    expect(rows.filter(([v, want]) => v !== want).length).toBeGreaterThan(100);
    expect(rows.some(([v, want]) => typeof v === 'string' && v.endsWith('\u3000') && want === String(v).slice(0, -1))).toBe(true);
  });
});
