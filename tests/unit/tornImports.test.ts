import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEngine, type Engine } from '../../electron/engine';
import { fingerprint, importOk, sql } from '../support/importHelpers';
import { districtLookup, iodPopulation, lsoaLookup, policeUkMonths } from '../support/sharedData';
import { tempDir } from '../support/tempWorkspace';

/**
 * The states a kill inside an import's COMMIT has left behind on DuckDB 1.5.5 (import/tornImports.ts), made by hand:
 * the import's rows and quarantine without its record, with or without the rows it had replaced. Opening the
 * workspace takes the remains out, puts back what they had taken away, and says so in the audit log.
 */
describe('an import torn by a kill inside its commit is taken out when the workspace opens', () => {
  const { dir, cleanup } = tempDir('csw-torn-');
  const base = path.join(dir, 'base.duckdb');
  let before = '';

  beforeAll(async () => {
    const engine = await createEngine(base, { backups: false });
    for (const [file, as] of [[lsoaLookup, 'geography'], [districtLookup, 'geography'], [iodPopulation, 'population'], [policeUkMonths[1], 'police-uk']] as const) {
      await importOk(engine, file, as);
    }
    before = await fingerprint(engine);
    engine.close();
  }, 60_000);
  afterAll(cleanup);

  /** A copy of the base workspace with `tear` done to it, reopened: its fingerprint and the repairs the log records. */
  async function tornThenOpened(name: string, tear: (engine: Engine) => Promise<void>) {
    const ws = path.join(dir, `${name}.duckdb`);
    fs.copyFileSync(base, ws);
    const tearing = await createEngine(ws, { backups: false });
    await tear(tearing);
    tearing.close();
    const engine = await createEngine(ws, { backups: false });
    try {
      const repairs = await sql(engine, `SELECT subject, message FROM csw_meta.audit WHERE action = 'repair' ORDER BY logged_at`);
      return { print: await fingerprint(engine), repairs: repairs.map(([subject, message]) => ({ subject: String(subject), message: String(message) })) };
    } finally {
      engine.close();
    }
  }

  it('leaves a whole workspace alone', async () => {
    const opened = await tornThenOpened('whole', async () => undefined);
    expect(opened).toEqual({ print: before, repairs: [] });
  });

  it('rows and quarantine of an import with no record: taken out, and the log says how many', async () => {
    const opened = await tornThenOpened('appends', async (engine) => {
      // What the trials found: the new import's rows (the next id) and its quarantine, but no csw_meta.imports row.
      await sql(engine, `INSERT INTO crimes SELECT * REPLACE (5 AS import_id) FROM crimes`);
      await sql(engine, `INSERT INTO csw_meta.quarantine VALUES (5, 7, 'LSOA code', 'not an LSOA code', 'x')`);
    });
    expect(opened.print).toBe(before);
    expect(opened.repairs).toHaveLength(1);
    expect(opened.repairs[0].subject).toBe('import #5');
    const [[crimes]] = await (async () => {
      const engine = await createEngine(base, { backups: false });
      try {
        return await sql(engine, 'SELECT count(*) FROM crimes');
      } finally {
        engine.close();
      }
    })();
    expect(opened.repairs[0].message).toContain(`its ${Number(crimes).toLocaleString('en-GB')} rows and 1 quarantined line were taken out`);
  });

  it('a replacing import with no record: its rows out, the month it replaced back, whether or not the replay deleted it', async () => {
    for (const deleteReplayed of [true, false]) {
      const opened = await tornThenOpened(`replace-${deleteReplayed}`, async (engine) => {
        // The month already there, republished (a new file for the same force-month): a real --replace import, then the
        // state the replay leaves — no record, and maybe not the DELETE that took the old month out.
        const copy = path.join(dir, `republished-${deleteReplayed}`, path.basename(policeUkMonths[1]));
        fs.mkdirSync(path.dirname(copy), { recursive: true });
        fs.writeFileSync(copy, fs.readFileSync(policeUkMonths[1], 'utf8').replace('\n', '\r\n'));
        const replaced = await engine.invoke('import.run', { file: copy, as: 'police-uk', replace: true, operationId: randomUUID() });
        if (!replaced.ok) throw new Error(replaced.error.message);
        // The month's crimes and its anti-social behaviour rows (police.uk street files carry both) went aside.
        expect(replaced.value.replaced?.map((r) => r.dataset).sort()).toEqual(['asb', 'crimes']);
        if (!deleteReplayed) for (const dataset of ['crimes', 'asb']) await sql(engine, `INSERT INTO ${dataset} SELECT * EXCLUDE (displaced_by) FROM csw_meta.displaced_${dataset}`);
        await sql(engine, `DELETE FROM csw_meta.imports WHERE import_id = 5`);
      });
      expect(opened.print, deleteReplayed ? 'the replay deleted the old month' : 'the replay kept the old month').toBe(before);
      expect(opened.repairs.map((r) => r.subject)).toEqual(['import #5']);
      if (deleteReplayed) expect(opened.repairs[0].message).toMatch(/and the [\d,]+ rows it had replaced put back/);
      else expect(opened.repairs[0].message).not.toMatch(/put back/);
    }
  }, 60_000);

  it('two replacing imports torn one on the other: both taken out, newest first, and the month as it was', async () => {
    const opened = await tornThenOpened('two-replacing', async (engine) => {
      // The month republished twice, each replacing the one before (#5 takes #4's rows aside, #6 takes #5's).
      for (const [k, ending] of [[5, '\r\n'], [6, '\n\n']] as const) {
        const copy = path.join(dir, `twice-${k}`, path.basename(policeUkMonths[1]));
        fs.mkdirSync(path.dirname(copy), { recursive: true });
        fs.writeFileSync(copy, fs.readFileSync(policeUkMonths[1], 'utf8').replace('\n', ending));
        const replaced = await engine.invoke('import.run', { file: copy, as: 'police-uk', replace: true, operationId: randomUUID() });
        if (!replaced.ok) throw new Error(replaced.error.message);
        expect(replaced.value.import_id).toBe(k);
      }
      await sql(engine, `DELETE FROM csw_meta.imports WHERE import_id IN (5, 6)`);
    });
    expect(opened.print).toBe(before);
    expect(opened.repairs.map((r) => r.subject).sort()).toEqual(['import #5', 'import #6']);
  }, 60_000);
});
