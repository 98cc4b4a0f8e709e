import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import JSZip from 'jszip';
import { afterAll, describe, expect, it } from 'vitest';
import { createEngine, type Engine } from '../../electron/engine';
import type { Input } from '../../shared/api';
import { fingerprint, importOk, sql } from '../support/importHelpers';
import { districtLookup, lsoaLookup, policeUk2024, policeUkMonths } from '../support/sharedData';
import { lookupWorkspaces } from '../support/lookupWorkspaces';

const { dir, cleanup, open: workspaceWithLookup } = lookupWorkspaces('csw-lifecycle-');
afterAll(cleanup);
let n = 0;

type Request = Omit<Input<'import.run'>, 'operationId'>;
const run = (engine: Engine, request: Request) => engine.invoke('import.run', { ...request, operationId: randomUUID() });
const check = (engine: Engine, request: Request) => engine.invoke('import.check', { ...request, operationId: randomUUID() });
async function runOk(engine: Engine, request: Request) {
  const result = await run(engine, request);
  if (!result.ok) throw new Error(result.error.message);
  return result.value;
}

/** A police.uk month zipped as police.uk serves it: a folder per month, street, outcomes and stop-and-search files. */
async function zipOfMonth(file: string, zipPath: string): Promise<void> {
  const zip = new JSZip();
  zip.file(`2024-01/${path.basename(file)}`, fs.readFileSync(file));
  zip.file('2024-01/2024-01-derbyshire-outcomes.csv', 'Crime ID,Month,Reported by,Falls within,Longitude,Latitude,Location,LSOA code,LSOA name,Outcome type\n');
  zip.file('2024-01/2024-01-derbyshire-stop-and-search.csv', 'Type,Date,Part of a policing operation\n');
  fs.writeFileSync(zipPath, await zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' }));
}

/** The Derbyshire month as police.uk might republish it: the last 16 rows gone and one crime reclassified. */
function republished(target: string): string {
  const lines = fs.readFileSync(policeUk2024.derbyshire, 'utf8').split('\r\n').filter(Boolean);
  const kept = lines.slice(0, lines.length - 16);
  const at = kept.findIndex((l) => l.includes(',Shoplifting,'));
  kept[at] = kept[at].replace(',Shoplifting,', ',Other theft,');
  fs.writeFileSync(target, `${kept.join('\r\n')}\r\n`);
  return target;
}

describe('several files, folders and zips in one import', () => {
  it('imports a street file and a zipped month in one transaction, lists what it skipped, and reports totals and each file', async () => {
    const engine = await workspaceWithLookup();
    const zipPath = path.join(dir, 'derbyshire-2024-01.zip');
    await zipOfMonth(policeUk2024.derbyshire, zipPath);
    const report = await runOk(engine, { file: policeUk2024.btp, files: [policeUk2024.btp, zipPath], as: 'police-uk' });
    expect(report.files?.map((f) => [f.file, f.rows_read, f.rows_quarantined])).toEqual([
      ['2024-02-btp-street.csv', 6237, 0],
      ['derbyshire-2024-01.zip/2024-01/2024-01-derbyshire-street.csv', 8216, 0],
    ]);
    expect(report).toMatchObject({ rows_read: 6237 + 8216, rows_imported: 6237 + 8216, rows_quarantined: 0, by_dataset: { crimes: 6237 + 7116, asb: 1100 }, import_ids: [3, 4] });
    expect(report.skipped).toEqual([
      { file: 'derbyshire-2024-01.zip/2024-01/2024-01-derbyshire-outcomes.csv', reason: expect.stringMatching(/outcomes file: not imported/) },
      { file: 'derbyshire-2024-01.zip/2024-01/2024-01-derbyshire-stop-and-search.csv', reason: expect.stringMatching(/stop-and-search file: not imported/) },
    ]);
    expect(report.police_uk).toMatchObject({ missing_id: 6237, shared_id: 269 });
    // No unplaced area listed twice, and one vintage hint for the two files, their rows summed.
    const areas = report.unknown_areas.map((u) => `${u.kind}|${u.value}`);
    expect(new Set(areas).size).toBe(areas.length);
    const hints = report.warnings.filter((w) => /look like 2021 codes/.test(w));
    const perFile = report.files!.flatMap((f) => f.warnings.filter((w) => /look like 2021 codes/.test(w)).map((w) => Number(/^([\d,]+)/.exec(w)![1].replace(/,/g, ''))));
    expect(perFile).toHaveLength(2);
    expect(hints).toEqual([expect.stringMatching(new RegExp(`^${(perFile[0] + perFile[1]).toLocaleString('en-GB')} rows have LSOA codes`))]);
    expect(await sql(engine, 'SELECT (SELECT count(*) FROM crimes), (SELECT count(*) FROM asb), (SELECT count(*) FROM csw_meta.imports)')).toEqual([[13353n, 1100n, 4n]]);
    // The files taken out of the zip are gone.
    expect(fs.readdirSync(path.join(engine.workspace.filesDir, 'staging')).filter((f) => f.startsWith('zip-'))).toEqual([]);
    engine.close();
  });

  it('searches a folder for street files, and a bad file among several leaves the workspace exactly as it was', async () => {
    const engine = await workspaceWithLookup();
    const folder = path.join(dir, 'download');
    fs.mkdirSync(path.join(folder, '2018-11'), { recursive: true });
    fs.mkdirSync(path.join(folder, '2018-12'), { recursive: true });
    fs.copyFileSync(policeUkMonths[1], path.join(folder, '2018-11', path.basename(policeUkMonths[1])));
    fs.copyFileSync(policeUkMonths[2], path.join(folder, '2018-12', path.basename(policeUkMonths[2])));
    fs.writeFileSync(path.join(folder, '2018-12', '2018-12-staffordshire-outcomes.csv'), 'Crime ID,Month\n');
    const before = await fingerprint(engine);
    const bad = path.join(dir, 'not-police-street.csv');
    fs.writeFileSync(bad, 'a,b\n1,2\n');
    const refused = await run(engine, { file: folder, files: [folder, bad], as: 'police-uk' });
    expect(refused).toMatchObject({ ok: false, error: { message: expect.stringMatching(/^not-police-street\.csv: This does not look like a police\.uk street-level file/) } });
    expect(await fingerprint(engine)).toBe(before);
    const report = await runOk(engine, { file: folder, files: [folder], as: 'police-uk' });
    expect(report.files?.map((f) => f.file)).toEqual(['download/2018-11/2018-11-staffordshire-street.csv', 'download/2018-12/2018-12-staffordshire-street.csv']);
    expect(report.skipped?.map((s) => s.file)).toEqual(['download/2018-12/2018-12-staffordshire-outcomes.csv']);
    // The November crime police.uk publishes again in December is counted in both months.
    expect(report.police_uk?.shared_id).toBe(1);
    // The same folder again: every file already imported is skipped, so there is nothing to import.
    const again = await run(engine, { file: folder, files: [folder], as: 'police-uk' });
    expect(again).toMatchObject({ ok: false, error: { message: expect.stringMatching(/Nothing to import: .*already imported on/) } });
    engine.close();
  });
});

describe('police.uk months already in the workspace', () => {
  it('are refused by default, naming the force-months; --replace replaces exactly them; removing that import brings them back', async () => {
    const engine = await workspaceWithLookup();
    await importOk(engine, policeUk2024.derbyshire, 'police-uk');
    await importOk(engine, policeUk2024.btp, 'police-uk');
    const before = await fingerprint(engine);
    const btpBefore = await sql(engine, `SELECT count(*), sum(hash(c)) FROM crimes c WHERE import_id = 4`);
    const newer = republished(path.join(dir, '2024-01-derbyshire-street.csv'));

    const refused = await run(engine, { file: newer, as: 'police-uk' });
    expect(refused).toMatchObject({ ok: false, error: { message: expect.stringMatching(/already has police\.uk rows for this force-month: Derbyshire Constabulary 2024-01 \(import #3, 2024-01-derbyshire-street\.csv\)\. Import with --replace/) } });
    expect(await fingerprint(engine)).toBe(before);

    const dry = await check(engine, { file: newer, as: 'police-uk', replace: true });
    expect(dry.ok && dry.value.replaced).toEqual([
      { import_id: 3, file: '2024-01-derbyshire-street.csv', dataset: 'crimes', force: 'Derbyshire Constabulary', month: '2024-01', rows: 7116 },
      { import_id: 3, file: '2024-01-derbyshire-street.csv', dataset: 'asb', force: 'Derbyshire Constabulary', month: '2024-01', rows: 1100 },
    ]);
    expect(await fingerprint(engine)).toBe(before);

    const replaced = await runOk(engine, { file: newer, as: 'police-uk', replace: true });
    expect(replaced.import_id).toBe(5);
    expect(replaced.replaced?.map((r) => [r.dataset, r.rows])).toEqual([['crimes', 7116], ['asb', 1100]]);
    const newRows = replaced.rows_imported;
    expect(newRows).toBe(8216 - 16);
    expect(await sql(engine, `SELECT import_id, count(*) FROM (SELECT import_id FROM crimes UNION ALL SELECT import_id FROM asb) GROUP BY 1 ORDER BY 1`)).toEqual([
      [4, 6237n],
      [5, BigInt(newRows)],
    ]);
    // British Transport Police's February is untouched.
    expect(await sql(engine, `SELECT count(*), sum(hash(c)) FROM crimes c WHERE import_id = 4`)).toEqual(btpBefore);

    const listed = await engine.invoke('imports.list', {});
    const old = listed.ok ? listed.value.imports.find((i) => i.import_id === 3) : undefined;
    expect(old).toMatchObject({ rows_now: {}, replaced_by: [{ import_id: 5, kind: 'replace', rows: 8216 }] });

    // The replaced import cannot go first; the replacing one can, and the old months come back exactly.
    expect(await engine.invoke('imports.remove', { importId: 3 })).toMatchObject({ ok: false, error: { message: expect.stringMatching(/Later imports \(#5\) replaced or refreshed rows of import #3: remove it first/) } });
    const removed = await engine.invoke('imports.remove', { importId: 5 });
    expect(removed).toMatchObject({ ok: true, value: { removed: replaced.by_dataset, restored: { crimes: 7116, asb: 1100 } } });
    expect(await fingerprint(engine)).toBe(before);
    engine.close();
  });
});

describe('remove-import', () => {
  it('leaves the workspace exactly as before that import, table contents compared, and is audited', async () => {
    const engine = await workspaceWithLookup();
    await importOk(engine, policeUkMonths[1], 'police-uk');
    const before = await fingerprint(engine);
    const report = await importOk(engine, policeUkMonths[2], 'police-uk');
    expect(await fingerprint(engine)).not.toBe(before);
    const preview = await engine.invoke('imports.removal', { importId: report.import_id });
    expect(preview).toMatchObject({ ok: true, value: { file: path.basename(policeUkMonths[2]), removed: report.by_dataset, refusal: null } });
    const removed = await engine.invoke('imports.remove', { importId: report.import_id });
    expect(removed).toMatchObject({ ok: true, value: { import_id: report.import_id, removed: report.by_dataset } });
    expect(await fingerprint(engine)).toBe(before);
    // Removing the first police.uk import too takes away the tables it created: as before any police.uk import.
    const empty = await createEngine(path.join(dir, `empty${++n}.duckdb`), { backups: false });
    await importOk(empty, lsoaLookup, 'geography');
    await importOk(empty, districtLookup, 'geography');
    const bare = await fingerprint(empty);
    empty.close();
    expect(bare).not.toBe('');
    const only = await engine.invoke('imports.remove', { importId: 3 });
    expect(only.ok).toBe(true);
    expect(await sql(engine, `SELECT count(*) FROM duckdb_tables() WHERE table_name IN ('crimes', 'asb')`)).toEqual([[0n]]);
    expect(await sql(engine, `SELECT action, subject, outcome FROM csw_meta.audit WHERE action = 'remove-import' ORDER BY logged_at`)).toEqual([
      ['remove-import', `import #${report.import_id}`, 'done'],
      ['remove-import', 'import #3', 'done'],
    ]);
    // A geography lookup replaced the lookup's rows: it cannot be taken out alone.
    expect(await engine.invoke('imports.remove', { importId: 1 })).toMatchObject({ ok: false, error: { message: expect.stringMatching(/is a geography lookup/) } });
    expect(await engine.invoke('imports.remove', { importId: 99 })).toMatchObject({ ok: false, error: { code: 'not_found' } });
    engine.close();
  });
});

describe('a mapped extract refreshed with --refresh', () => {
  const header = 'Crime No,Recorded,Offence Group,LSOA';
  const profile = { name: 'Force extract', dataset: 'crimes' as const, columns: { crime_ref: 'Crime No', recorded_date: 'Recorded', offence_group: 'Offence Group', lsoa_code: 'LSOA' }, date_format: '%d/%m/%Y' };
  /** A generated extract: one row per crime, with the group and date given. */
  const extract = (name: string, rows: [string, string, string][]) => {
    const file = path.join(dir, name);
    fs.writeFileSync(file, [header, ...rows.map(([ref, date, group]) => `${ref},${date},${group},E01029526`)].join('\n') + '\n');
    return file;
  };

  it('shows added, changed and removed by offence group first, then updates by reference, adds, and removes what the file no longer has', async () => {
    const engine = await workspaceWithLookup();
    const first = extract('extract-v1.csv', [
      ['C1', '05/01/2019', 'Theft'],
      ['C2', '06/01/2019', 'Burglary'],
      ['C3', '07/01/2019', 'Criminal Damage and Arson'],
      ['C4', '08/02/2019', 'Theft'],
      ['C0', '20/12/2018', 'Robbery'],
    ]);
    await runOk(engine, { file: first, as: 'crimes', mapping: profile });
    // The refreshed extract covers January–February 2019: C2 reclassified, C3 no-crimed, C5 new; C0 (December) outside it.
    const second = extract('extract-v2.csv', [
      ['C1', '05/01/2019', 'Theft'],
      ['C2', '06/01/2019', 'Theft'],
      ['C4', '08/02/2019', 'Theft'],
      ['C5', '10/02/2019', 'Violence against the person'],
    ]);
    const before = await fingerprint(engine);
    const dry = await check(engine, { file: second, as: 'crimes', profile: 'Force extract', refresh: true });
    if (!dry.ok) throw new Error(dry.error.message);
    expect(dry.value.refresh).toEqual({
      source: '#3 extract-v1.csv',
      from: '2019-01-05',
      to: '2019-02-10',
      added: 1,
      changed: 1,
      removed: 1,
      unchanged: 2,
      by_group: [
        { group: 'Arson and Criminal Damage', added: 0, changed: 0, removed: 1 },
        { group: 'Theft', added: 0, changed: 1, removed: 0 },
        { group: 'Violence against the Person', added: 1, changed: 0, removed: 0 },
      ],
    });
    expect(await fingerprint(engine)).toBe(before);
    // Without --refresh the references already there are duplicates, as before.
    const plain = await check(engine, { file: second, as: 'crimes', profile: 'Force extract' });
    expect(plain.ok && plain.value.rows_quarantined).toBe(3);

    const refreshed = await runOk(engine, { file: second, as: 'crimes', profile: 'Force extract', refresh: true });
    expect(refreshed.rows_quarantined).toBe(0);
    expect(await sql(engine, `SELECT crime_ref, offence_group, import_id FROM crimes ORDER BY 1`)).toEqual([
      ['C0', 'Robbery', 3],
      ['C1', 'Theft', 4],
      ['C2', 'Theft', 4],
      ['C4', 'Theft', 4],
      ['C5', 'Violence against the Person', 4],
    ]);
    const listed = await engine.invoke('imports.list', {});
    expect(listed.ok && listed.value.imports.find((i) => i.import_id === 3)).toMatchObject({ rows_now: { crimes: 1 }, replaced_by: [{ import_id: 4, kind: 'refresh', rows: 4 }] });
    // Undo the refresh: the first extract's rows are back exactly.
    expect((await engine.invoke('imports.remove', { importId: 4 })).ok).toBe(true);
    expect(await fingerprint(engine)).toBe(before);
    engine.close();
  });

  it('is refused for police.uk and without a saved mapping', async () => {
    const engine = await workspaceWithLookup();
    expect(await check(engine, { file: policeUkMonths[1], as: 'police-uk', refresh: true })).toMatchObject({ ok: false, error: { message: expect.stringMatching(/police\.uk months are replaced with --replace/) } });
    const file = extract('extract-x.csv', [['X1', '05/01/2019', 'Theft']]);
    expect(await check(engine, { file, as: 'crimes', mapping: profile, replace: true })).toMatchObject({ ok: false, error: { message: expect.stringMatching(/^--replace replaces police\.uk force-months/) } });
    const unnamed = { dataset: profile.dataset, columns: profile.columns, date_format: profile.date_format };
    expect(await check(engine, { file, as: 'crimes', mapping: unnamed, refresh: true })).toMatchObject({ ok: false, error: { message: expect.stringMatching(/needs the saved mapping/) } });
    engine.close();
  });
});
