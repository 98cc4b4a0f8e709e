import fs from 'node:fs';
import path from 'node:path';
import { Writable } from 'node:stream';
import { afterAll, describe, expect, it } from 'vitest';
import { parseCommand, UsageError } from '../../electron/cli/args';
import { runCommand, UserError } from '../../electron/cli/commands';
import { createEngine } from '../../electron/engine';
import { createTable, tempDir } from '../support/tempWorkspace';

function sink() {
  let text = '';
  const stream = new Writable({ write(chunk, _enc, done) { text += chunk; done(); } });
  return { stream, text: () => text };
}

describe('csp-workbench argument parsing', () => {
  it('parses the commands', () => {
    expect(parseCommand(['init', 'a.duckdb'])).toEqual({ name: 'init', workspace: 'a.duckdb' });
    expect(parseCommand(['sql', 'a.duckdb', 'SELECT 1'])).toEqual({ name: 'sql', workspace: 'a.duckdb', sql: 'SELECT 1', format: 'csv' });
    expect(parseCommand(['sql', 'a.duckdb', 'SELECT 1', '--format', 'json'])).toMatchObject({ format: 'json' });
    expect(parseCommand(['--help'])).toEqual({ name: 'help' });
    expect(parseCommand(['sql', 'a.duckdb', 'SELECT 1', '--memory-limit', '2GB'])).toMatchObject({ name: 'sql', memoryLimit: '2GB' });
    // A batch of chosen analyses, as a pack may be; without --analyses, the whole library.
    expect(parseCommand(['batch', 'a.duckdb', '--out', 'o', '--analyses', 'rate-change, spc-monthly'])).toMatchObject({ name: 'batch', analyses: ['rate-change', 'spc-monthly'] });
    expect(parseCommand(['batch', 'a.duckdb', '--out', 'o'])).not.toHaveProperty('analyses');
  });
  it.each([[[]], [['init']], [['frobnicate', 'a']], [['sql', 'a']], [['sql', 'a', 'x', '--format', 'xml']], [['init', 'a', '--bogus']], [['init', 'a', 'b']], [['init', 'a', '--memory-limit', 'lots']], [['init', 'a', '--memory-limit', '1MB']],
    // board-pack's own (they were spawned one process each in tests/e2e/boardPackCli.test.ts)
    [['board-pack', 'a', '--out', 'x.docx', '--threshold', 'five']], [['board-pack', 'a', '--out', 'x.docx', '--no-charts', '--browser', '/usr/bin/chromium']], [['board-pack', 'a']],
    [['batch', 'a', '--out', 'o', '--analyses', ' , ']], [['run', 'a', 'crime-rates', '--analyses', 'x']], [['batch', 'a', '--out', 'o', '--title', 'x']]])(
    'treats %o as a usage error',
    (argv) => {
      expect(() => parseCommand(argv)).toThrow(UsageError);
    },
  );
});

describe('csp-workbench commands', () => {
  const { dir, cleanup } = tempDir();
  const ws = path.join(dir, 'cli.duckdb');
  afterAll(cleanup);

  it('initialises a workspace once, and refuses to overwrite it', async () => {
    const out = sink();
    await runCommand({ name: 'init', workspace: ws }, out.stream);
    expect(JSON.parse(out.text())).toEqual({ workspace: ws, created: true });
    await expect(runCommand({ name: 'init', workspace: ws }, sink().stream)).rejects.toThrow(UserError);
  });

  it('runs SQL as CSV and JSON, with exact numbers', async () => {
    const engine = await createEngine(ws);
    await createTable(engine, 'wards', "SELECT * FROM (VALUES ('E05010651', 'Alrewas & Fradley', 6543, 12.5), ('E05010652', 'Armitage, with \"Handsacre\"', 7001, NULL)) t(ward_code, ward_name, population, rate)");
    engine.close();
    const csv = sink();
    await runCommand({ name: 'sql', workspace: ws, sql: 'SELECT * FROM wards ORDER BY ward_code', format: 'csv' }, csv.stream);
    expect(csv.text()).toBe('ward_code,ward_name,population,rate\nE05010651,Alrewas & Fradley,6543,12.5\nE05010652,"Armitage, with ""Handsacre""",7001,\n');
    const json = sink();
    await runCommand({ name: 'sql', workspace: ws, sql: 'SELECT ward_code, population, 9007199254740993::BIGINT AS big FROM wards ORDER BY 1', format: 'json' }, json.stream);
    expect(JSON.parse(json.text())).toEqual([
      { ward_code: 'E05010651', population: 6543, big: '9007199254740993' },
      { ward_code: 'E05010652', population: 7001, big: '9007199254740993' },
    ]);
    const empty = sink();
    await runCommand({ name: 'sql', workspace: ws, sql: 'SELECT * FROM wards WHERE false', format: 'json' }, empty.stream);
    expect(JSON.parse(empty.text())).toEqual([]);
  });

  it('neutralises formulas in CSV, on stdout and in an own query\'s file; numbers stay numbers', async () => {
    // A survey's free-text answer or a crafted ward name is data, never a formula when the file is opened in Excel.
    const query = `SELECT '=HYPERLINK("http://x","y")' AS label, -5 AS n, '@SUM(A1)' AS at, 'Boney Hay' AS ward`;
    const out = sink();
    await runCommand({ name: 'sql', workspace: ws, sql: query, format: 'csv' }, out.stream);
    expect(out.text()).toBe(`label,n,at,ward\n"'=HYPERLINK(""http://x"",""y"")",-5,'@SUM(A1),Boney Hay\n`);
    const file = path.join(dir, 'formulas.sql');
    fs.writeFileSync(file, `-- id: formulas\n-- title: Formulas\n${query}\n`);
    await runCommand({ name: 'save-query', workspace: ws, file }, sink().stream);
    const csv = path.join(dir, 'formulas.csv');
    await runCommand({ name: 'run', workspace: ws, id: 'formulas', params: {}, format: 'csv', out: csv }, sink().stream);
    expect(fs.readFileSync(csv, 'utf8')).toContain(`"'=HYPERLINK(""http://x"",""y"")",-5,'@SUM(A1),Boney Hay`);
  });

  it('streams a result larger than one page', async () => {
    const out = sink();
    await runCommand({ name: 'sql', workspace: ws, sql: 'SELECT range AS n FROM range(12345)', format: 'csv' }, out.stream);
    const lines = out.text().trimEnd().split('\n');
    expect(lines.length).toBe(12346);
    expect(lines.at(-1)).toBe('12344');
  });

  it('gives user errors for a missing workspace and refused SQL', async () => {
    await expect(runCommand({ name: 'sql', workspace: path.join(dir, 'missing.duckdb'), sql: 'SELECT 1', format: 'csv' }, sink().stream)).rejects.toThrow(/No workspace at/);
    await expect(runCommand({ name: 'sql', workspace: ws, sql: 'DROP TABLE wards', format: 'csv' }, sink().stream)).rejects.toThrow(/DROP statements cannot run here/);
  });
});
