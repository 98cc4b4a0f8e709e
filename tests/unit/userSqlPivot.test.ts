import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Engine } from '../../electron/engine';
import { engineWith } from '../support/tempWorkspace';

/** Issue 15, break 8: a single PIVOT is not refused as "2 statements", which the analyst never wrote. */
describe('PIVOT in user SQL', () => {
  let engine: Engine;
  let cleanup: () => void;
  let n = 0;
  const run = (sql: string) => engine.invoke('sql.run', { sql, operationId: `op-pivot-${String(++n).padStart(4, '0')}` });
  beforeAll(async () => {
    ({ engine, cleanup } = await engineWith(1000));
  });
  afterAll(() => cleanup());

  it.each(['PIVOT crimes ON offence_group USING count(*)', 'SELECT * FROM (PIVOT crimes ON offence_group USING count(*)) p'])('%s: says to list the values', async (sql) => {
    const result = await run(sql);
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.error.message).toMatch(/A PIVOT must list the values it turns into columns here/);
      expect(result.error.message).not.toMatch(/2 statements/);
    }
  });

  it('runs a PIVOT that lists its values', async () => {
    const result = await run(`PIVOT crimes ON offence_group IN ('Burglary', 'Theft offences') USING count(*) GROUP BY ward_code ORDER BY ward_code`);
    expect(result.ok && result.value.columns.map((c) => c.name)).toEqual(['ward_code', 'Burglary', 'Theft offences']);
  });

  it('keeps the general message for text that really holds two statements', async () => {
    const result = await run('SELECT 1; PIVOT crimes ON offence_group USING count(*)');
    expect(!result.ok && result.error.message).toMatch(/Run one statement at a time: this text holds \d statements/);
  });
});
