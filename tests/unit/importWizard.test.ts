import fs from 'node:fs';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEngine, type Engine } from '../../electron/engine';
import type { MappingProfile } from '../../shared/datasets/mappingProfile';
import { fingerprint, importOk, sql } from '../support/importHelpers';
import { lsoaLookup } from '../support/sharedData';
import { tempDir } from '../support/tempWorkspace';

/** A semicolon-separated extract with US-style dates: detection would guess wrong on both, so the wizard overrides. */
const extract = [
  'Ref;Recorded;Group;Ward',
  'W-1;01/02/2019;Burglary;Boney Hay and Central',
  'W-2;01/13/2019;Theft;Boney Hay Centrl',
  'W-3;02/14/2019;Theft;Chadsmead',
  'W-4;not a date;Theft;Chadsmead',
].join('\n');

const mapping: MappingProfile = {
  dataset: 'crimes',
  columns: { crime_ref: 'Ref', recorded_date: 'Recorded', offence_group: 'Group', ward_name: 'Ward' },
};

describe('the import wizard channels: preview, check, corrections, import, provenance and quarantine', () => {
  const { dir, cleanup } = tempDir('csw-wizard-');
  const file = path.join(dir, 'extract.txt');
  let engine: Engine;
  const request = { file, as: 'crimes' as const, mapping, overrides: { delimiter: ';' as const, date_format: '%m/%d/%Y' } };

  beforeAll(async () => {
    fs.writeFileSync(file, extract);
    engine = await createEngine(path.join(dir, 'ws.duckdb'));
    await importOk(engine, lsoaLookup, 'geography');
  });
  afterAll(() => {
    engine.close();
    cleanup();
  });

  it('previews with the overridden delimiter and date format', async () => {
    const preview = await engine.invoke('import.preview', request);
    expect(preview.ok && preview.value).toMatchObject({ delimiter: ';', header: ['Ref', 'Recorded', 'Group', 'Ward'], date_format: '%m/%d/%Y', missing: [] });
  });

  it('checks the file with a dry run: the exact report, and the workspace untouched', async () => {
    const before = await fingerprint(engine);
    const checked = await engine.invoke('import.check', { ...request, operationId: randomUUID() });
    if (!checked.ok) throw new Error(checked.error.message);
    expect(checked.value).toMatchObject({
      dry_run: true,
      rows_read: 4,
      rows_imported: 3,
      rows_quarantined: 1,
      issues: [{ line: 5, column: 'Recorded' }],
      unknown_areas: [{ kind: 'ward_name', value: 'Boney Hay Centrl', rows: 1, suggestions: ['Boney Hay & Central'] }],
    });
    expect(await fingerprint(engine)).toBe(before);
    const imports = await engine.invoke('imports.list', {});
    expect(imports.ok && imports.value.imports.map((i) => i.file)).not.toContain('extract.txt');
  });

  it('places the rows once the analyst accepts a suggested ward, then imports with the same figures', async () => {
    const ward_aliases = { 'Boney Hay Centrl': 'Boney Hay & Central' };
    const checked = await engine.invoke('import.check', { ...request, ward_aliases, operationId: randomUUID() });
    expect(checked.ok && checked.value.unknown_areas).toEqual([]);
    const imported = await engine.invoke('import.run', { ...request, ward_aliases, operationId: randomUUID() });
    if (!imported.ok || !checked.ok) throw new Error('import failed');
    expect(imported.value.dry_run).toBe(false);
    // The check's figures are the import's: only the dry-run flag and the id it would have had differ.
    expect({ ...imported.value, dry_run: true, import_id: 0 }).toEqual({ ...checked.value, import_id: 0 });
    expect(await sql(engine, `SELECT crime_ref, strftime(recorded_date, '%Y-%m-%d'), ward_name FROM crimes WHERE crime_ref LIKE 'W-%' ORDER BY 1`)).toEqual([
      ['W-1', '2019-01-02', 'Boney Hay & Central'],
      ['W-2', '2019-01-13', 'Boney Hay & Central'],
      ['W-3', '2019-02-14', 'Chadsmead'],
    ]);
  });

  it('lists the import with its file, hash, profile and rows per dataset', async () => {
    const listed = await engine.invoke('imports.list', {});
    if (!listed.ok) throw new Error(listed.error.message);
    const [latest] = listed.value.imports;
    expect(latest).toMatchObject({ file: 'extract.txt', rows_read: 4, rows_imported: 3, rows_quarantined: 1, by_dataset: { crimes: 3 }, profile: 'mapping:unnamed' });
    expect(latest.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(latest.imported_at).toMatch(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$/);
    expect(listed.value.imports.at(-1)!.profile).toBe('ons-lsoa-ward-district');
  });

  it('shows an import\'s quarantine as a pageable result and downloads it as CSV with a byte-order mark', async () => {
    const listed = await engine.invoke('imports.list', {});
    const id = listed.ok ? listed.value.imports[0].import_id : 0;
    const quarantine = await engine.invoke('imports.quarantine', { importId: id });
    if (!quarantine.ok) throw new Error(quarantine.error.message);
    expect(quarantine.value.rowCount).toBe(1);
    expect(quarantine.value.columns.map((c) => c.name)).toEqual(['line', 'column', 'reason', 'raw']);
    const csv = await engine.invoke('results.csv', { resultId: quarantine.value.resultId });
    if (!csv.ok) throw new Error(csv.error.message);
    const lines = csv.value.csv.split('\r\n');
    expect(lines[0]).toBe('\uFEFFline,column,reason,raw');
    expect(lines[1]).toMatch(/^5,Recorded,.*not a date in the form %m\/%d\/%Y/);
    expect(csv.value.rowCount).toBe(1);
  });

  it('refuses an unknown import or result clearly', async () => {
    const missing = await engine.invoke('imports.quarantine', { importId: 999 });
    expect(!missing.ok && missing.error).toEqual({ code: 'not_found', message: 'There is no import #999 in this workspace.' });
    const gone = await engine.invoke('results.csv', { resultId: 'r_999' });
    expect(!gone.ok && gone.error.code).toBe('not_found');
  });

  it('reports a re-import of the same file in the check, before anything is written', async () => {
    const checked = await engine.invoke('import.check', { ...request, operationId: randomUUID() });
    expect(!checked.ok && checked.error.message).toMatch(/already imported .* \(import #\d+\); the workspace is unchanged/);
  });
});
