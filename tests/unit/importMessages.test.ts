import { execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEngine, type Engine } from '../../electron/engine';
import type { MappingProfile } from '../../shared/datasets/mappingProfile';
import { fingerprint, sql } from '../support/importHelpers';
import { tempDir } from '../support/tempWorkspace';

const profile: MappingProfile = {
  dataset: 'crimes',
  columns: { crime_ref: 'Crime Ref', recorded_date: 'Date Recorded', offence_group: 'Offence Group' },
  date_format: '%d/%m/%Y',
};
const csv = 'Crime Ref,Date Recorded,Offence Group\nM-1,03/01/2019,Theft\nM-2,04/01/2019,Burglary\n';
const ward = (code: unknown, coordinates: unknown = [[[-1.8, 52.6], [-1.7, 52.6], [-1.7, 52.7], [-1.8, 52.6]]]) => ({
  type: 'Feature',
  properties: { WD25CD: code, WD25NM: 'Somewhere' },
  geometry: { type: 'Polygon', coordinates },
});

/** Issue 15, break 8: files the import cannot read get a clear message of the app's own, never raw engine text. */
describe('clear messages for files the import cannot read (issue 15, break 8)', () => {
  const { dir, cleanup } = tempDir('csw-messages-');
  let engine: Engine;
  beforeAll(async () => {
    engine = await createEngine(path.join(dir, 'ws.duckdb'), { backups: false });
  });
  afterAll(() => {
    engine.close();
    cleanup();
  });
  const attempt = async (file: string, as: 'crimes' | 'boundaries' = 'crimes') => {
    const before = await fingerprint(engine);
    const result = await engine.invoke('import.run', { file, as, mapping: as === 'crimes' ? profile : undefined, operationId: randomUUID() });
    expect(await fingerprint(engine)).toBe(before);
    if (result.ok) throw new Error(`${file} was imported`);
    return result.error.message;
  };
  const write = (name: string, content: string | Buffer) => {
    const file = path.join(dir, name);
    fs.writeFileSync(file, content);
    return file;
  };

  it('a named pipe (FIFO) and /dev/zero are "not an ordinary file", not "a folder"', async () => {
    const fifo = path.join(dir, 'extract.csv');
    execFileSync('mkfifo', [fifo]);
    expect(await attempt(fifo)).toMatch(/is not an ordinary file \(it is a pipe, a device or a socket\)/);
    expect(await attempt('/dev/zero')).toMatch(/is not an ordinary file/);
  });

  it('UTF-16 with a byte-order mark: little-endian is read, big-endian refused by name (not "binary data")', async () => {
    const le = write('utf16le.csv', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(csv.replaceAll('M-', 'LE-'), 'utf16le')]));
    const result = await engine.invoke('import.run', { file: le, as: 'crimes', mapping: profile, operationId: randomUUID() });
    expect(result.ok && result.value).toMatchObject({ rows_read: 2, rows_imported: 2, encoding: 'utf-16le' });
    expect(await sql(engine, `SELECT crime_ref FROM crimes WHERE crime_ref LIKE 'LE-%' ORDER BY 1`)).toEqual([['LE-1'], ['LE-2']]);
    const be = write('utf16be.csv', Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(csv, 'utf16le').swap16()]));
    expect(await attempt(be)).toMatch(/UTF-16 big-endian text, which the import does not read/);
  });

  it('a Parquet file behind a symbolic link is read (DuckDB would have refused the link with its own message)', async () => {
    const real = path.join(dir, 'real.parquet');
    const writer = await (await DuckDBInstance.create(':memory:')).connect();
    await writer.run(`COPY (SELECT 'L-' || range AS "Crime Ref", '03/01/2019' AS "Date Recorded", 'Theft' AS "Offence Group" FROM range(3)) TO '${real}' (FORMAT parquet)`);
    writer.closeSync();
    const link = path.join(dir, 'linked.parquet');
    fs.symlinkSync(real, link);
    const result = await engine.invoke('import.run', { file: link, as: 'crimes', mapping: profile, operationId: randomUUID() });
    expect(result.ok && result.value).toMatchObject({ rows_read: 3, rows_imported: 3 });
  });

  it('deeply nested GeoJSON is refused with a message, not a stack overflow', async () => {
    const deep = `{"type":"FeatureCollection","features":[${JSON.stringify(ward('E05000001')).replace('"coordinates":', `"coordinates":${'['.repeat(200_000)}0${']'.repeat(200_000)},"x":`)}]}`;
    expect(await attempt(write('deep.geojson', deep), 'boundaries')).toMatch(/nested more than 64 levels deep/);
  });

  it.each([
    ['an area code that is an object', ward({ code: 'E05000001' })],
    ['an area code that is a number', ward(5)],
    ['coordinates that are text', ward('E05000001', 'not coords')],
    ['coordinates that are not positions', ward('E05000001', [[['a', 'b'], [1]]])],
  ])('GeoJSON with %s is refused, not imported', async (_what, feature) => {
    const file = write(`bad-${randomUUID()}.geojson`, JSON.stringify({ type: 'FeatureCollection', features: [ward('E05000002'), feature] }));
    expect(await attempt(file, 'boundaries')).toMatch(/^Feature 2 of this GeoJSON file /);
  });
});
