import fs from 'node:fs';
import path from 'node:path';
import { Writable } from 'node:stream';
import { afterAll, describe, expect, it } from 'vitest';
import { parseCommand, UsageError } from '../../electron/cli/args';
import { runCommand, UserError } from '../../electron/cli/commands';
import { policeUk2024, policeUkMonths } from '../support/sharedData';
import { tempDir } from '../support/tempWorkspace';

function sink() {
  let text = '';
  const stream = new Writable({ write(chunk, _enc, done) { text += chunk; done(); } });
  return { stream, json: () => JSON.parse(text) as Record<string, unknown> & unknown[] };
}

describe('csp-workbench import of several paths, imports and remove-import', () => {
  const { dir, cleanup } = tempDir('csw-cli-life-');
  const ws = path.join(dir, 'life.duckdb');
  afterAll(cleanup);

  it('parses several paths, --replace, --refresh and --dry-run, imports and remove-import', () => {
    expect(parseCommand(['import', 'w.duckdb', 'a.csv', 'folder', 'b.zip', '--as', 'police-uk', '--replace', '--dry-run'])).toMatchObject({
      name: 'import',
      files: ['a.csv', 'folder', 'b.zip'],
      replace: true,
      dryRun: true,
    });
    expect(parseCommand(['imports', 'w.duckdb'])).toEqual({ name: 'imports', workspace: 'w.duckdb' });
    expect(parseCommand(['remove-import', 'w.duckdb', '7'])).toEqual({ name: 'remove-import', workspace: 'w.duckdb', importId: 7 });
    for (const argv of [
      ['import', 'w.duckdb', 'a.csv', '--as', 'crimes', '--replace', '--refresh'],
      ['remove-import', 'w.duckdb'],
      ['remove-import', 'w.duckdb', 'x'],
      ['remove-import', 'w.duckdb', '0'],
      ['datasets', 'w.duckdb', '--replace'],
      ['imports', 'w.duckdb', 'extra'],
    ]) {
      expect(() => parseCommand(argv), argv.join(' ')).toThrow(UsageError);
    }
  });

  it('imports two months at once, refuses them again, replaces one with --replace, lists imports, and removes one', async () => {
    await runCommand({ name: 'init', workspace: ws }, sink().stream);
    const dry = sink();
    await runCommand({ name: 'import', workspace: ws, file: policeUkMonths[1], files: [policeUkMonths[1], policeUkMonths[2]], as: 'police-uk', dryRun: true }, dry.stream);
    expect(dry.json()).toMatchObject({ dry_run: true, file: '2 files', files: [{ file: path.basename(policeUkMonths[1]) }, { file: path.basename(policeUkMonths[2]) }] });
    const listedEmpty = sink();
    await runCommand({ name: 'imports', workspace: ws }, listedEmpty.stream);
    expect(listedEmpty.json()).toEqual([]);

    const out = sink();
    await runCommand({ name: 'import', workspace: ws, file: policeUkMonths[1], files: [policeUkMonths[1], policeUkMonths[2]], as: 'police-uk' }, out.stream);
    expect(out.json()).toMatchObject({ import_ids: [1, 2], rows_quarantined: 0 });

    // November republished (here: the same rows under another name, with one line ending changed so the hash differs).
    const republished = path.join(dir, '2018-11-staffordshire-street.csv');
    fs.writeFileSync(republished, fs.readFileSync(policeUkMonths[1], 'utf8').replace('\n', '\r\n'));
    await expect(runCommand({ name: 'import', workspace: ws, file: republished, as: 'police-uk' }, sink().stream)).rejects.toThrow(
      /already has police\.uk rows for this force-month: Staffordshire Police 2018-11 \(import #1/,
    );
    const replaced = sink();
    await runCommand({ name: 'import', workspace: ws, file: republished, as: 'police-uk', replace: true }, replaced.stream);
    expect(replaced.json()).toMatchObject({ import_id: 3, replaced: [{ import_id: 1, dataset: 'crimes', month: '2018-11' }, { import_id: 1, dataset: 'asb', month: '2018-11' }] });

    const listed = sink();
    await runCommand({ name: 'imports', workspace: ws }, listed.stream);
    const imports = listed.json() as unknown as { id: number; dataset: string; replaced_by: number[]; rows_now: Record<string, number> }[];
    expect(imports.map((i) => [i.id, i.dataset, i.replaced_by])).toEqual([
      [3, 'police-uk', []],
      [2, 'police-uk', []],
      [1, 'police-uk', [3]],
    ]);
    expect(imports[2].rows_now).toEqual({});

    const removed = sink();
    await runCommand({ name: 'remove-import', workspace: ws, importId: 2 }, removed.stream);
    expect(removed.json()).toMatchObject({ import_id: 2, file: path.basename(policeUkMonths[2]), restored: {} });
    await expect(runCommand({ name: 'remove-import', workspace: ws, importId: 2 }, sink().stream)).rejects.toThrow(UserError);
  });

  it('a folder is searched for police.uk files only', async () => {
    await expect(runCommand({ name: 'import', workspace: ws, file: path.dirname(policeUk2024.btp), files: [path.dirname(policeUk2024.btp)], as: 'crimes' }, sink().stream)).rejects.toThrow(
      /searched for police\.uk street files only/,
    );
  });
});
