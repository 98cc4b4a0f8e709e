import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { Engine } from '../../electron/engine';
import { streetStageStats } from '../../electron/engine/import/sources/streetFilesStage';
import type { BatchReport, ImportReport } from '../../shared/contracts/import';
import { importOk, sql } from '../support/importHelpers';
import { lookupWorkspaces } from '../support/lookupWorkspaces';
import { policeUk2024, policeUkMonths } from '../support/sharedData';

/*
 * A folder of police.uk street files is staged and checked as one table (streetBatch.ts). What it writes must be
 * exactly what importing the same files one after another writes: every row in the same order with the same import
 * id and made references, the same quarantine with each file's own lines, and the same report for each file.
 */

const { dir, cleanup, open } = lookupWorkspaces('csw-street-batch-');
afterAll(cleanup);

/**
 * Real street files (Staffordshire, Derbyshire with 2021 LSOAs, British Transport Police with blank Crime IDs and
 * LSOAs outside the lookup) and a made one: a month whose rows include an unknown crime type (quarantined), a Crime ID
 * an earlier file has (shared across files), and a row identical to the one before it.
 */
function streetFolder(name: string): string {
  const folder = path.join(dir, name);
  fs.mkdirSync(folder);
  for (const file of [policeUkMonths[0], policeUkMonths[1], policeUk2024.derbyshire, policeUk2024.btp]) fs.copyFileSync(file, path.join(folder, path.basename(file)));
  const earlier = fs.readFileSync(policeUkMonths[0], 'utf8').split('\n');
  const sharedId = earlier.slice(1).find((l) => /^[0-9a-f]{64},/.test(l))!.split(',')[0];
  const lines = fs.readFileSync(policeUkMonths[3], 'utf8').split('\n').slice(0, 300).map((l, i) => (i === 0 ? l : l.replace(/^([^,]*),2019-01,/, '$1,2019-03,')));
  lines[10] = lines[10].replace(/,(Violence and sexual offences|Burglary|Other theft|Vehicle crime|Criminal damage and arson|Anti-social behaviour|Public order|Shoplifting|Drugs|Other crime),/, ',Made-up crime,');
  lines[20] = lines[20].replace(/^[0-9a-f]{64},/, `${sharedId},`);
  lines.splice(31, 0, lines[30]);
  fs.writeFileSync(path.join(folder, '2019-03-staffordshire-street.csv'), `${lines.join('\n')}\n`);
  return folder;
}

async function tables(engine: Engine) {
  return {
    crimes: await sql(engine, 'SELECT * FROM crimes ORDER BY rowid'),
    asb: await sql(engine, 'SELECT * FROM asb ORDER BY rowid'),
    quarantine: await sql(engine, 'SELECT * FROM csw_meta.quarantine ORDER BY import_id, line'),
    imports: await sql(engine, 'SELECT * EXCLUDE (imported_at, report_json) FROM csw_meta.imports ORDER BY import_id'),
  };
}

describe('a folder of police.uk street files, checked as one table', () => {
  it('writes exactly what importing its files one after another writes, each file with its own import, report and quarantine', async () => {
    const folder = streetFolder('as-one');
    const together = await open();
    const before = streetStageStats.batches;
    const result = await together.invoke('import.run', { file: folder, files: [folder], as: 'police-uk', operationId: randomUUID() });
    if (!result.ok) throw new Error(result.error.message);
    const batch = result.value as BatchReport;
    expect(streetStageStats.batches - before).toBe(1);
    expect(batch.files).toHaveLength(5);

    const apart = await open();
    const reports: ImportReport[] = [];
    for (const file of batch.files!) reports.push(await importOk(apart, path.join(dir, file.file), 'police-uk'));
    // Each file is named in the batch's report by where it was found, here the folder and the file.
    expect(batch.files!.map((f) => ({ ...f, file: path.basename(f.file) }))).toEqual(reports);
    expect(await tables(together)).toEqual(await tables(apart));

    // What the made file exercises, so that the comparison above cannot pass on files that never needed it.
    const made = batch.files!.find((f) => f.file.includes('2019-03'))!;
    expect(made.rows_quarantined).toBe(1);
    expect(made.issues).toEqual([expect.objectContaining({ line: 11, reason: expect.stringContaining('"Made-up crime" is not a known offence group') })]);
    const madeLines = fs.readFileSync(path.join(dir, made.file), 'utf8').split('\n').slice(1).filter((l) => l !== '');
    const identical = madeLines.length - new Set(madeLines).size;
    expect(identical).toBeGreaterThan(1);
    expect(made.police_uk).toMatchObject({ shared_id: 1, identical_rows: identical });
    expect(batch.files!.find((f) => f.file.includes('btp'))!.police_uk!.missing_id).toBeGreaterThan(0);
    expect(batch.unplaced.outside_lookup).toBeGreaterThan(0);
    together.close();
    apart.close();
  });

  it('skips files imported before and the same file twice, and refuses a force-month two files hold, naming both', async () => {
    const folder = path.join(dir, 'skips');
    fs.mkdirSync(folder);
    const [first, second] = policeUkMonths;
    fs.copyFileSync(first, path.join(folder, path.basename(first)));
    fs.copyFileSync(first, path.join(folder, 'copy-of-2018-10-staffordshire-street.csv'));
    fs.copyFileSync(second, path.join(folder, path.basename(second)));
    const engine = await open();
    await importOk(engine, second, 'police-uk');
    const result = await engine.invoke('import.run', { file: folder, files: [folder], as: 'police-uk', operationId: randomUUID() });
    if (!result.ok) throw new Error(result.error.message);
    const batch = result.value as BatchReport;
    expect(batch.files!.map((f) => f.file)).toEqual(['skips/2018-10-staffordshire-street.csv']);
    expect(batch.skipped).toEqual(
      expect.arrayContaining([
        { file: 'skips/copy-of-2018-10-staffordshire-street.csv', reason: 'the same file as skips/2018-10-staffordshire-street.csv, already in this import' },
        { file: 'skips/2018-11-staffordshire-street.csv', reason: expect.stringMatching(/^already imported on .* \(import #3\)$/) },
      ]),
    );

    // The same month for the same force in two different files: refused, and nothing is written.
    const twice = path.join(dir, 'twice');
    fs.mkdirSync(twice);
    const lines = fs.readFileSync(policeUkMonths[2], 'utf8').split('\n');
    fs.writeFileSync(path.join(twice, 'a-street.csv'), lines.slice(0, 100).join('\n'));
    fs.writeFileSync(path.join(twice, 'b-street.csv'), [lines[0], ...lines.slice(100, 200)].join('\n'));
    const [[rows]] = await sql(engine, 'SELECT count(*) FROM crimes');
    const refused = await engine.invoke('import.run', { file: twice, files: [twice], as: 'police-uk', operationId: randomUUID() });
    expect(!refused.ok && refused.error.message).toMatch(/^twice\/b-street\.csv: Two files of this import hold police\.uk rows for the same force-month: Staffordshire Police 2018-12 \(also in twice\/a-street\.csv\)/);
    expect(await sql(engine, 'SELECT count(*) FROM crimes')).toEqual([[rows]]);
    engine.close();
  });
});
