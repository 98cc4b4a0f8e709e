import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEngine, type Engine } from '../../electron/engine';
import type { MappingProfile } from '../../shared/datasets/mappingProfile';
import { fingerprint, importOk, importResult, sql } from '../support/importHelpers';
import { smallDisk } from '../support/smallDisk';
import { tempDir } from '../support/tempWorkspace';

const profile: MappingProfile = {
  dataset: 'crimes',
  columns: { crime_ref: 'Crime Ref', recorded_date: 'Date Recorded', offence_group: 'Offence Group' },
  date_format: '%d/%m/%Y',
};
const groups = ['Theft offences', 'Burglary', 'Violence against the person', 'Criminal damage and arson'];
const extract = (prefix: string, rows: number) =>
  `Crime Ref,Date Recorded,Offence Group\n${Array.from({ length: rows }, (_, i) => `${prefix}-${i}-${(i * 7919).toString(36)},03/01/2019,${groups[i % groups.length]}`).join('\n')}\n`;

/**
 * Issue 15, break 8: a disk that fills during an import gets a message of the app's own (not "Unexpected error: IO
 * Error: …"), and the workspace is exactly as it was — in the open engine, and when opened again after space is freed.
 */
describe('a full disk (issue 15, break 8)', () => {
  const disk = smallDisk(12);
  const sources = tempDir('csw-disk-full-src-');
  const small = path.join(sources.dir, 'small.csv');
  const big = path.join(sources.dir, 'big.csv');
  const ws = path.join(disk.dir, 'ws.duckdb');
  let engine: Engine;
  beforeAll(async () => {
    if (!disk.available) return;
    fs.writeFileSync(small, extract('S', 200));
    fs.writeFileSync(big, extract('B', 300_000));
    engine = await createEngine(ws, { backups: false });
    await importOk(engine, small, 'crimes', profile);
  }, 60_000);
  afterAll(() => {
    engine?.close();
    disk.cleanup();
    sources.cleanup();
  });

  it.skipIf(!disk.available)('an import that fills the disk is refused as "the disk is full", and nothing changes', async () => {
    const before = await fingerprint(engine);
    disk.fill(512);
    const result = await importResult(engine, big, 'crimes', profile);
    expect(result).toEqual({
      ok: false,
      error: {
        code: 'disk_full',
        message: expect.stringMatching(/^The disk is full \(writing .*ws\.duckdb(\.wal)?\)\. Nothing was changed: the workspace .* as they were before this step\. Free some space/),
      },
    });
    expect(await fingerprint(engine)).toBe(before);
    // The engine still answers, and the audit log says the import failed (in words, not as a crash).
    expect(await sql(engine, `SELECT outcome FROM csw_meta.audit WHERE action = 'import' ORDER BY logged_at DESC LIMIT 1`)).toEqual([['failed']]);

    // Freed, closed and opened again: the same workspace, and the import that failed now goes through.
    disk.free();
    engine.close();
    engine = await createEngine(ws, { backups: false });
    expect(await fingerprint(engine)).toBe(before);
    const report = await importOk(engine, big, 'crimes', profile);
    expect(report.rows_imported).toBe(300_000);
    expect(await sql(engine, 'SELECT count(*) FROM crimes')).toEqual([[300_200n]]);
  }, 120_000);
});
