import fs from 'node:fs';
import path from 'node:path';
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCommand } from '../../electron/cli/commands';
import { createEngine, type Engine } from '../../electron/engine';
import type { OperationEvent } from '../../shared/api';
import { fingerprint, importOk, sql } from '../support/importHelpers';
import { lsoaLookup, policeUkMonths } from '../support/sharedData';
import { tempDir } from '../support/tempWorkspace';

/** A force extract as it comes out of a records system: its own column names, Y/N flags, UK dates, Windows-1252. */
function forceExtract(): Buffer {
  const rows = [
    'Occurrence Number,Date Recorded,Time Committed,HO Offence Group,HO Sub Group,Ward,DA Flag,Alcohol Flag,Victim URN,Notes',
    'OCC/19/0001,03/01/2019,03/01/2019 22:15,Violence against the Person,Violence with injury,Boney Hay and Central,Y,Y,VIC-000123,Caf\u00e9 \u201cThe Swan\u201d',
    'OCC/19/0002,04/01/2019,04/01/2019 09:00,Theft,Shoplifting,boney hay & central,N,N,VIC-000456,£20 of goods',
    'OCC/19/0003,05/01/2019,05/01/2019 13:30,Burglary,Burglary Residential,Chadsmead,N,,VIC-000123,repeat victim',
    'OCC/19/0004,06/01/2019,06/01/2019 01:05,Arson & Criminal Damage,Criminal damage,Boney Hay Centrl,N,Y,VIC-000789,misspelt ward',
  ];
  // Windows-1252 for the curly quotes, é and £: what Excel writes on a UK Windows machine.
  const cp1252: Record<string, number> = { '\u201c': 0x93, '\u201d': 0x94, é: 0xe9, '£': 0xa3 };
  return Buffer.from([...rows.join('\r\n') + '\r\n'].map((ch) => cp1252[ch] ?? ch.charCodeAt(0)));
}

const profile = {
  name: 'Staffordshire Niche extract',
  dataset: 'crimes',
  columns: {
    crime_ref: 'Occurrence Number',
    recorded_date: 'Date Recorded',
    occurred_at: 'Time Committed',
    offence_group: 'HO Offence Group',
    offence_subgroup: 'HO Sub Group',
    ward_name: 'Ward',
    domestic: 'DA Flag',
    alcohol: 'Alcohol Flag',
    victim_id: 'Victim URN',
  },
  date_format: '%d/%m/%Y',
  timestamp_format: '%d/%m/%Y %H:%M',
  encoding: 'windows-1252',
  true_values: ['Y'],
  false_values: ['N', ''],
};

describe('a force extract imported through a saved mapping profile', () => {
  const { dir, cleanup } = tempDir('csw-mapped-');
  const ws = path.join(dir, 'mapped.duckdb');
  const extract = path.join(dir, 'extract-2019.csv');
  const profileFile = path.join(dir, 'niche-profile.json');
  let report: Record<string, unknown>;

  beforeAll(async () => {
    fs.writeFileSync(extract, forceExtract());
    fs.writeFileSync(profileFile, JSON.stringify(profile, null, 2));
    const engine = await createEngine(ws);
    await importOk(engine, lsoaLookup, 'geography');
    engine.close();
    let out = '';
    const sink = new Writable({ write(chunk, _e, done) { out += chunk; done(); } });
    await runCommand({ name: 'import', workspace: ws, file: extract, as: 'crimes', mapping: profileFile }, sink);
    report = JSON.parse(out);
  });
  afterAll(cleanup);

  it('imports every row and reports the unplaced ward with suggestions', () => {
    expect(report).toMatchObject({
      rows_read: 4,
      rows_imported: 4,
      rows_quarantined: 0,
      encoding: 'windows-1252',
      profile: 'mapping:Staffordshire Niche extract',
      unplaced: { no_location: 0, outside_lookup: 1 },
      unknown_areas: [{ kind: 'ward_name', value: 'Boney Hay Centrl', rows: 1, suggestions: ['Boney Hay & Central'] }],
    });
  });

  it('types dates, times, flags and groups, and matches ward names ignoring &/and and case', async () => {
    const engine = await createEngine(ws);
    const rows = await sql(
      engine,
      `SELECT crime_ref, strftime(recorded_date, '%Y-%m-%d'), strftime(occurred_at, '%H:%M'), offence_group, offence_subgroup, ward_code, ward_name, district_code, domestic, alcohol
       FROM crimes ORDER BY crime_ref`,
    );
    engine.close();
    expect(rows).toEqual([
      ['OCC/19/0001', '2019-01-03', '22:15', 'Violence against the Person', 'Violence with injury', 'E05010654', 'Boney Hay & Central', 'E07000194', true, true],
      ['OCC/19/0002', '2019-01-04', '09:00', 'Theft', 'Shoplifting', 'E05010654', 'Boney Hay & Central', 'E07000194', false, false],
      ['OCC/19/0003', '2019-01-05', '13:30', 'Burglary', 'Burglary Residential', 'E05010656', 'Chadsmead', 'E07000194', false, false],
      ['OCC/19/0004', '2019-01-06', '01:05', 'Arson and Criminal Damage', 'Criminal Damage', null, 'Boney Hay Centrl', null, false, true],
    ]);
  });

  it('pseudonymises victim IDs: the same person hashes alike, and raw IDs never reach the workspace file', async () => {
    const engine = await createEngine(ws);
    const victims = await sql(engine, `SELECT crime_ref, victim_id FROM crimes ORDER BY crime_ref`);
    engine.close();
    const ids = victims.map(([, id]) => String(id));
    expect(ids.every((id) => /^[0-9a-f]{24}$/.test(id))).toBe(true);
    expect(ids[0]).toBe(ids[2]);
    expect(new Set(ids).size).toBe(3);
    const bytes = fs.readFileSync(ws);
    for (const raw of ['VIC-000123', 'VIC-000456', 'VIC-000789']) expect(bytes.includes(raw)).toBe(false);
    expect(fs.existsSync(ws.replace(/\.duckdb$/, '.key'))).toBe(true);
  });

  it('stores the profile and provenance with the import', async () => {
    const engine = await createEngine(ws);
    const [[name, size, sha, json]] = await sql(engine, `SELECT file_name, file_size, sha256, profile_json FROM csw_meta.imports WHERE profile LIKE 'mapping:%'`);
    engine.close();
    expect(name).toBe('extract-2019.csv');
    expect(Number(size)).toBe(fs.statSync(extract).size);
    expect(String(sha)).toMatch(/^[0-9a-f]{64}$/);
    expect(JSON.parse(String(json))).toMatchObject({ dataset: 'crimes', columns: { crime_ref: 'Occurrence Number' } });
  });
});

describe('cancelling an import', () => {
  const { dir, cleanup } = tempDir('csw-cancel-');
  let engine: Engine;
  beforeAll(async () => {
    engine = await createEngine(path.join(dir, 'ws.duckdb'));
  });
  afterAll(() => {
    engine.close();
    cleanup();
  });

  it('stops part-way with progress reported, and leaves the workspace exactly as it was', async () => {
    const big = path.join(dir, 'big.csv');
    const lines = ['crime_ref,recorded_date,offence_group'];
    for (let i = 0; i < 400_000; i++) lines.push(`C${i},2019-01-${String((i % 28) + 1).padStart(2, '0')},Theft`);
    fs.writeFileSync(big, lines.join('\n'));
    const before = await fingerprint(engine);
    const events: OperationEvent[] = [];
    const off = engine.onEvent((e) => {
      events.push(e);
      if (e.type === 'progress' && e.percentage > 10) void engine.invoke('operations.cancel', { operationId: 'op-cancel-import' });
    });
    const result = await engine.invoke('import.run', { file: big, as: 'crimes', operationId: 'op-cancel-import' });
    off();
    expect(result).toMatchObject({ ok: false, error: { code: 'cancelled' } });
    expect(events.at(-1)).toEqual({ type: 'end', operationId: 'op-cancel-import', outcome: 'cancelled' });
    expect(await fingerprint(engine)).toBe(before);
    // And the same file then imports in full.
    const done = await importOk(engine, big, 'crimes');
    expect(done.rows_imported).toBe(400_000);
  });
});

describe('reusing a mapping next year, and previewing an import', () => {
  const { dir, cleanup } = tempDir('csw-profiles-');
  const ws = path.join(dir, 'profiles.duckdb');
  afterAll(cleanup);
  const out = () => {
    let text = '';
    return { stream: new Writable({ write(chunk, _e, done) { text += chunk; done(); } }), text: () => text };
  };

  it('keeps a named mapping in the workspace, so next year imports with just its name', async () => {
    const thisYear = path.join(dir, 'extract-2019.csv');
    const nextYear = path.join(dir, 'extract-2020.csv');
    fs.writeFileSync(thisYear, forceExtract());
    fs.writeFileSync(nextYear, Buffer.from(forceExtract().toString('latin1').replace(/OCC\/19/g, 'OCC/20').replace(/\/2019/g, '/2020'), 'latin1'));
    const profileFile = path.join(dir, 'niche.json');
    fs.writeFileSync(profileFile, JSON.stringify(profile));
    await runCommand({ name: 'init', workspace: ws }, out().stream);
    await runCommand({ name: 'import', workspace: ws, file: thisYear, as: 'crimes', mapping: profileFile }, out().stream);
    const listed = out();
    await runCommand({ name: 'profiles', workspace: ws }, listed.stream);
    expect(JSON.parse(listed.text())).toMatchObject([{ name: 'Staffordshire Niche extract', dataset: 'crimes', profile }]);
    const second = out();
    await runCommand({ name: 'import', workspace: ws, file: nextYear, as: 'crimes', mapping: 'Staffordshire Niche extract' }, second.stream);
    expect(JSON.parse(second.text())).toMatchObject({ rows_read: 4, rows_imported: 4, profile: 'mapping:Staffordshire Niche extract' });
    await expect(runCommand({ name: 'import', workspace: ws, file: nextYear, as: 'crimes', mapping: 'No such profile' }, out().stream)).rejects.toThrow(
      /no saved mapping profile called "No such profile" \(saved: Staffordshire Niche extract\)/,
    );
  });

  it('previews a file without changing the workspace: format, first rows, suggested mapping and what is missing', async () => {
    const engine = await createEngine(ws);
    const before = await fingerprint(engine);
    const file = path.join(dir, 'unlabelled.csv');
    fs.writeFileSync(file, 'Crime Number,Date,Category,Where\nA1,03/01/2019,Burglary,E01029477\nA2,04/01/2019,Theft,E01029478\n');
    const preview = await engine.invoke('import.preview', { file, as: 'crimes' });
    expect(preview).toEqual({
      ok: true,
      value: {
        format: 'csv',
        encoding: 'utf-8',
        delimiter: ',',
        header: ['Crime Number', 'Date', 'Category', 'Where'],
        rows: [
          ['A1', '03/01/2019', 'Burglary', 'E01029477'],
          ['A2', '04/01/2019', 'Theft', 'E01029478'],
        ],
        profile: 'suggested',
        mapping: { dataset: 'crimes', columns: { crime_ref: 'Crime Number', recorded_date: 'Date', lsoa_code: 'Where' } },
        missing: ['offence_group'],
        date_format: '%d/%m/%Y',
        problem: null,
      },
    });
    const police = await engine.invoke('import.preview', { file: policeUkMonths[0], as: 'police-uk' });
    expect(police).toMatchObject({ ok: true, value: { profile: 'police-uk', mapping: null, missing: [], date_format: '%Y-%m', problem: null } });
    expect(await fingerprint(engine)).toBe(before);
    engine.close();
  });
});
