import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createEngine, type Engine } from '../../electron/engine';
import { scanCsv } from '../../electron/engine/import/sources/csvScan';
import { fastPathStats } from '../../electron/engine/import/sources/csvFastStage';
import type { MappingProfile } from '../../shared/datasets/mappingProfile';
import { tempDir } from '../support/tempWorkspace';

const scan = async (text: string, width = 3, delimiter = ',', chunkSize?: number, bomLength = 0) => {
  const { dir, cleanup } = tempDir('csw-scan-');
  const file = path.join(dir, 'x.csv');
  fs.writeFileSync(file, text);
  try {
    return (await scanCsv(file, { bomLength, delimiter, width, chunkSize, progress: () => undefined, cancelled: () => false })).simple;
  } finally {
    cleanup();
  }
};

/**
 * The rules, one byte at a time: the scan's first implementation, kept here as the specification the faster one
 * (jumping between quotes and line ends) must agree with.
 */
function simpleByteByByte(bytes: Buffer, delimiter: number): boolean {
  const [fieldStart, unquoted, quoted, quoteInQuoted] = [0, 1, 2, 3];
  let state = fieldStart;
  let lineLength = 0;
  let pendingCR = false;
  for (const c of bytes) {
    if (pendingCR) {
      pendingCR = false;
      if (c !== 10) return false;
    }
    if (c === 0) return false;
    if (state === quoted) {
      if (c === 34) state = quoteInQuoted;
      else if (c === 10 || c === 13) return false;
      lineLength++;
      continue;
    }
    if (state === quoteInQuoted) {
      if (c === 34) {
        state = quoted;
        lineLength++;
        continue;
      }
      if (c !== delimiter && c !== 13 && c !== 10) return false;
    }
    if (c === 13) pendingCR = true;
    else if (c === 10) {
      if (lineLength === 0) return false;
      lineLength = 0;
      state = fieldStart;
    } else if (c === delimiter) {
      lineLength++;
      state = fieldStart;
    } else if (c === 34) {
      if (state !== fieldStart) return false;
      lineLength++;
      state = quoted;
    } else {
      lineLength++;
      state = unquoted;
    }
  }
  return !pendingCR && state !== quoted;
}

describe('the CSV fast path', () => {
  it.each([
    ['a,b,c\n1,2,3\n4,5,6\n', true],
    ['a,b,c\r\n1,2,3\r\n4,5,6', true],
    ['a,b,c\n"1, one","say ""hi""",3\n', true],
    ['a,b,c\n1,,\n', true],
    ['a,b,c\n"1\n2",2,3\n', false], // a quoted value across lines: line numbers would differ
    ['a,b,c\n1,2,3\n\n4,5,6\n', false], // a blank line: our parser skips it, counting it
    ['a,b,c\r1,2,3\r', false], // old Mac line ends
    ['a,b,c\n1,2"x,3\n', false], // a quote inside an unquoted value
    ['a,b,c\n"1"x,2,3\n', false], // text after a closing quote
    ['a,b,c\n1,2,3\0\n', false],
    ['a,b,c\n"1,2,3\n', false], // unbalanced
  ])('%j is simple: %s', async (text, simple) => {
    expect(await scan(text)).toBe(simple);
  });

  it('agrees with the byte-by-byte rules on 1,500 random files, however the file is cut into chunks', async () => {
    let seed = 7;
    const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    const alphabet = ['a', 'b', ',', ',', '"', '"', '\n', '\r\n', '\r', ' ', 'é', '\0'];
    const { dir, cleanup } = tempDir('csw-scan-fuzz-');
    try {
      for (let n = 0; n < 1500; n++) {
        // Mostly well-formed lines with the odd stray character, so both answers occur often.
        const lines = Array.from({ length: 1 + Math.floor(random() * 6) }, () =>
          Array.from({ length: 1 + Math.floor(random() * 3) }, () => {
            const field = Array.from({ length: Math.floor(random() * 4) }, () => alphabet[Math.floor(random() * (random() < 0.9 ? 2 : alphabet.length))]).join('');
            return random() < 0.4 ? `"${field.replaceAll('"', '""')}"` : field;
          }).join(','),
        );
        const text = lines.join(random() < 0.5 ? '\n' : '\r\n') + (random() < 0.7 ? '\n' : '');
        const bytes = Buffer.from(random() < 0.1 ? alphabet[Math.floor(random() * alphabet.length)] + text : text);
        const expected = simpleByteByByte(bytes, 44);
        const file = path.join(dir, `${n}.csv`);
        fs.writeFileSync(file, bytes);
        for (const chunkSize of [1, 3, 7, 1 << 16]) {
          const { simple } = await scanCsv(file, { bomLength: 0, delimiter: ',', width: 3, chunkSize, progress: () => undefined, cancelled: () => false });
          if (simple !== expected) expect({ text: bytes.toString('latin1'), chunkSize, simple }).toEqual({ text: bytes.toString('latin1'), chunkSize, simple: expected });
        }
      }
    } finally {
      cleanup();
    }
  }, 60_000);

  it('skips the byte-order mark, however the file is cut into chunks', async () => {
    for (const chunkSize of [1, 2, 3, 4, undefined]) {
      expect(await scan('\ufeffa,b,c\n"1",2,3\n', 3, ',', chunkSize, 3)).toBe(true);
      expect(await scan('\ufeff\na,b,c\n', 3, ',', chunkSize, 3)).toBe(false);
    }
  });

  it('leaves single-column files to our parser (a whitespace-only line is blank there, a value for DuckDB)', async () => {
    expect(await scan('a\n1\n  \n2\n', 1)).toBe(false);
  });

  it('removes files an interrupted import left linked into the workspace folder, when the workspace next opens', async () => {
    const { dir, cleanup } = tempDir('csw-leftover-');
    try {
      const workspace = path.join(dir, 'w.duckdb');
      (await createEngine(workspace, { backups: false })).close();
      fs.mkdirSync(path.join(dir, 'w.files', 'staging'), { recursive: true });
      fs.writeFileSync(path.join(dir, 'w.files', 'staging', 'left-behind.csv'), 'Ref,Victim\nCR/1,VIC-1\n');
      (await createEngine(workspace, { backups: false })).close();
      expect(fs.existsSync(path.join(dir, 'w.files', 'staging'))).toBe(false);
    } finally {
      cleanup();
    }
  });

  describe('imports exactly what the JavaScript parser imports', () => {
    const { dir, cleanup } = tempDir('csw-fast-');
    const engines: Engine[] = [];
    afterAll(() => {
      for (const e of engines) e.close();
      cleanup();
    });
    const profile: MappingProfile = {
      name: 'Fast path check',
      dataset: 'crimes',
      columns: { crime_ref: 'Ref', recorded_date: 'Recorded', offence_group: 'Group', offence_subgroup: 'Subgroup', domestic: 'DA', victim_id: 'Victim', offender_id: 'Offender' },
      date_format: '%d/%m/%Y',
      true_values: ['Y'],
      false_values: ['N', ''],
    };
    // Big enough that DuckDB reads it in parallel (several buffers), with bad rows scattered through it.
    const rows = Number(process.env.CSW_FAST_ROWS ?? 400_000);
    const file = path.join(dir, 'extract.csv');
    const lines = ['Ref,Recorded,Group,Subgroup,DA,Victim,Offender'];
    for (let i = 0; i < rows; i++) {
      const day = i % 1009 === 0 ? '31/02/2019' : `${String(1 + (i % 28)).padStart(2, '0')}/${String(1 + (i % 12)).padStart(2, '0')}/2018`;
      const ref = i % 1511 === 0 ? `CR/${i - 1}` : `CR/${i}`; // duplicates of the row before
      const group = i % 2003 === 0 ? 'Not a group' : i % 2 ? 'Burglary' : 'Violence against the Person';
      const sub = i % 2 ? 'Burglary Residential' : '"Violence, with injury"'.replace('Violence, with injury', 'Violence with injury');
      // Padded identifiers hash as their trimmed selves on both paths (ASCII only, so the file reads the same as 1252).
      const victim = i % 7 === 0 ? '' : i % 5 === 0 ? ` VIC-${i % 9973}\t` : `VIC-${i % 9973}`;
      lines.push([ref, day, group, sub, i % 3 ? 'Y' : 'N', victim, i % 11 ? `OFF-${i % 4001}` : ''].join(','));
    }
    fs.writeFileSync(file, `${lines.join('\r\n')}\r\n`);

    const importWith = async (name: string, overrides?: { encoding: 'windows-1252' }) => {
      const engine = await createEngine(path.join(dir, `${name}.duckdb`), { backups: false });
      engines.push(engine);
      // Both workspaces share one key, so identical IDs hash identically.
      fs.copyFileSync(path.join(dir, 'fast.key'), path.join(dir, `${name}.key`));
      const report = await engine.invoke('import.run', { file, as: 'crimes', mapping: profile, overrides, operationId: `op-${name}-00001` });
      if (!report.ok) throw new Error(report.error.message);
      return { engine, report: report.value };
    };

    it('the same rows, quarantine, lines and hashed identifiers', async () => {
      fs.mkdirSync(dir, { recursive: true });
      fs.writeFileSync(path.join(dir, 'fast.key'), 'ab'.repeat(32));
      expect(lines.every((line) => /^[\x20-\x7e\t]*$/.test(line))).toBe(true);
      const before = fastPathStats.staged;
      const fast = await importWith('fast');
      expect(fastPathStats.staged).toBe(before + 1);
      // The file is ASCII, so read as Windows-1252 it is the same text, through our own parser.
      const slow = await importWith('slow', { encoding: 'windows-1252' });
      expect(fastPathStats.staged).toBe(before + 1);
      // The same report but for the encoding (as overridden) and the import number (each workspace's first).
      expect({ ...fast.report, encoding: 'x' }).toEqual({ ...slow.report, encoding: 'x' });
      expect(fast.report.rows_read).toBe(rows);
      expect(fast.report.rows_quarantined).toBeGreaterThan(rows / 1000);
      const dump = async (engine: Engine, query: string) => (await engine.workspace.withConnection((c) => c.runAndReadAll(query))).getRows().map((r) => r.map(String).join('|'));
      const crimes = 'SELECT crime_ref, recorded_date, offence_group, offence_subgroup, domestic, victim_id, offender_id FROM crimes ORDER BY crime_ref';
      // Compared as one string each: a diff of 400,000 array items would take the reporter minutes.
      expect((await dump(fast.engine, crimes)).join('\n') === (await dump(slow.engine, crimes)).join('\n')).toBe(true);
      const quarantine = 'SELECT line, "column", reason, raw FROM csw_meta.quarantine ORDER BY line';
      expect(await dump(fast.engine, quarantine)).toEqual(await dump(slow.engine, quarantine));
      expect((await dump(fast.engine, 'SELECT count(DISTINCT victim_id) FROM crimes'))[0]).toBe('9973');
      // Raw identifiers never reached either file.
      for (const name of ['fast', 'slow']) expect(fs.readFileSync(path.join(dir, `${name}.duckdb`)).includes('VIC-1234')).toBe(false);
      // Nothing staged or checked is held in memory once an import is over.
      for (const engine of [fast.engine, slow.engine]) expect(await dump(engine, `SELECT table_name FROM duckdb_tables() WHERE temporary AND table_name LIKE 'csw%'`)).toEqual([]);
    }, 180_000);

    /** Imports `text` as `<name>.csv` into a fresh workspace, checking it went through our parser, not DuckDB's. */
    const importThroughOurParser = async (name: string, text: string) => {
      const file = path.join(dir, `${name}.csv`);
      fs.writeFileSync(file, text);
      const engine = await createEngine(path.join(dir, `${name}.duckdb`), { backups: false });
      engines.push(engine);
      const before = fastPathStats.staged;
      const report = await engine.invoke('import.run', { file, as: 'crimes', mapping: profile, operationId: `op-${name}-0001` });
      expect(fastPathStats.staged).toBe(before);
      if (!report.ok) throw new Error(report.error.message);
      return { engine, report: report.value };
    };

    it('uses our parser for a file DuckDB reads but numbers differently (a value across lines), discarding DuckDB\'s read', async () => {
      const { engine, report } = await importThroughOurParser(
        'multiline',
        'Ref,Recorded,Group,Subgroup,DA,Victim,Offender\nCR/1,01/01/2019,"Bur\nglary",Burglary Residential,N,V1,O1\nCR/2,01/01/2019,Burglary,Burglary Residential,N,V2,O2\nCR/3,31/02/2019,Burglary,Burglary Residential,N,V3,O3\n',
      );
      // Line 2 spans two lines of the file, so the bad date is on line 5, not 4.
      expect(report.issues.map((i) => [i.line, i.reason.split(' "')[0]])).toEqual([[2, 'offence_group'], [5, 'recorded_date']]);
      const leftovers = await engine.workspace.withConnection((c) => c.runAndReadAll(`SELECT table_name FROM duckdb_tables() WHERE temporary`));
      expect(leftovers.getRows()).toEqual([]);
    });

    it('falls back to our parser when DuckDB refuses a row, with nothing lost', async () => {
      const { report } = await importThroughOurParser(
        'ragged',
        'Ref,Recorded,Group,Subgroup,DA,Victim,Offender\nCR/1,01/01/2019,Burglary,Burglary Residential,N,V1,O1\nCR/2,01/01/2019,Burglary\nCR/3,01/01/2019,Burglary,Burglary Residential,N,V3,O3,extra\n',
      );
      expect(report).toMatchObject({ rows_read: 3, rows_imported: 1, rows_quarantined: 2 });
      expect(report.issues.map((i) => [i.line, i.reason])).toEqual([
        [3, 'has 3 fields; the header has 7'],
        [4, 'has 8 fields; the header has 7'],
      ]);
      expect(fs.readdirSync(path.join(dir, 'ragged.files', 'staging'))).toEqual([]);
    });
  });
});
