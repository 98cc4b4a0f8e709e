import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openCsv, type CsvRecord } from '../../electron/engine/import/csvRecords';
import { tempDir } from '../support/tempWorkspace';

const { dir, cleanup } = tempDir('csw-csv-');
afterAll(cleanup);
let n = 0;
const file = (content: string | Buffer) => {
  const p = path.join(dir, `f${++n}.csv`);
  fs.writeFileSync(p, content);
  return p;
};
async function read(p: string) {
  const source = await openCsv(p);
  const records: CsvRecord[] = [];
  for await (const r of source.records()) records.push(r);
  return { source, records };
}

describe('openCsv', () => {
  it('reads quoted fields with delimiters, quotes and newlines, numbering records by source line', async () => {
    const { source, records } = await read(file('ref,ward,note\r\nA1,"Boney Hay & Central","said ""hi""\r\nthen left"\r\nA2,Chadsmead,\r\n\r\nA3,"Stowe",x\r\n'));
    expect(source.header).toEqual(['ref', 'ward', 'note']);
    expect(records).toEqual([
      { line: 2, fields: ['A1', 'Boney Hay & Central', 'said "hi"\r\nthen left'] },
      { line: 4, fields: ['A2', 'Chadsmead', ''] },
      { line: 6, fields: ['A3', 'Stowe', 'x'] },
    ]);
  });

  it('strips a UTF-8 BOM and keeps quoted thousands together', async () => {
    const { source, records } = await read(file('\uFEFFLSOA code,Total\r\nE01029527,"1,945"\r\n'));
    expect(source.sniffed).toMatchObject({ encoding: 'utf-8', bomLength: 3, delimiter: ',' });
    expect(source.header[0]).toBe('LSOA code');
    expect(records[0].fields).toEqual(['E01029527', '1,945']);
  });

  it('decodes Windows-1252 text saved from Excel', async () => {
    const bytes = Buffer.from([...Buffer.from('ref,note\n1,'), 0x93, ...Buffer.from('caf'), 0xe9, 0x94, ...Buffer.from(' '), 0xa3, ...Buffer.from('5\n')]);
    const { source, records } = await read(file(bytes));
    expect(source.sniffed.encoding).toBe('windows-1252');
    expect(records[0].fields[1]).toBe('\u201Ccafé\u201D £5');
  });

  it('detects tab and semicolon delimiters and files without a final newline', async () => {
    expect((await read(file('a\tb\n1\t2'))).records).toEqual([{ line: 2, fields: ['1', '2'] }]);
    expect((await read(file('a;b\n"x;y";2\n'))).records).toEqual([{ line: 2, fields: ['x;y', '2'] }]);
  });

  it('reports records with the wrong number of fields as they are (the importer quarantines them)', async () => {
    const { records } = await read(file('a,b\n1\n1,2,3\n'));
    expect(records.map((r) => r.fields.length)).toEqual([1, 3]);
  });

  it('hashes the whole file', async () => {
    const content = 'a,b\n' + '1,2\n'.repeat(100_000);
    const { source } = await read(file(content));
    expect(source.sha256()).toBe(createHash('sha256').update(content).digest('hex'));
    expect(source.bytesRead()).toBe(content.length);
  });

  it('streams a file larger than one read buffer with records split across chunks', async () => {
    const rows = Array.from({ length: 60_000 }, (_, i) => `${i},"multi\nline ${i}",${'x'.repeat(i % 50)}`);
    const { records } = await read(file(`id,text,pad\n${rows.join('\n')}\n`));
    expect(records).toHaveLength(60_000);
    expect(records[59_999]).toEqual({ line: 2 + 59_999 * 2, fields: ['59999', 'multi\nline 59999', 'x'.repeat(59_999 % 50)] });
  });

  it('reads again, as records, the lines an unbalanced quote swallowed, and marks the record that opened it', async () => {
    const rows = Array.from({ length: 50 }, (_, i) => `R-${i + 1},2019-01-0${(i % 9) + 1},Theft,VIC-${i + 1},${i === 9 ? '"note never closed' : i === 44 ? '"closed" later' : 'fine'}`);
    const { records } = await read(file(`ref,date,group,victim,notes\n${rows.join('\n')}\n`));
    // Today's parser read 15 records: the quote on line 11 swallowed lines 12-46 into one notes field.
    expect(records).toHaveLength(50);
    expect(records[9]).toMatchObject({ line: 11, swallowed: 36 });
    expect(records.filter((r) => r.swallowed)).toHaveLength(1);
    expect(records.map((r) => r.line)).toEqual(Array.from({ length: 50 }, (_, i) => i + 2));
    expect(records[10].fields).toEqual(['R-11', '2019-01-02', 'Theft', 'VIC-11', 'fine']);
  });

  it('recovers the lines after a quote left open at the end of the file, when they are records', async () => {
    const { records } = await read(file('a,b,c\n1,2,"never closed\n3,4,5\n6,7,8\n'));
    expect(records).toEqual([
      { line: 2, fields: ['1', '2', '"never closed'], swallowed: 3 },
      { line: 3, fields: ['3', '4', '5'] },
      { line: 4, fields: ['6', '7', '8'] },
    ]);
  });

  it('keeps real multi-line notes whole, however wide the file', async () => {
    const note = '"Line one, with a comma\nline two, then, more, commas here\nand ""quoted"" end"';
    const { records } = await read(file(`a,b,c\n1,${note},3\n2,x,y\n`));
    expect(records).toEqual([
      { line: 2, fields: ['1', 'Line one, with a comma\nline two, then, more, commas here\nand "quoted" end', '3'] },
      { line: 5, fields: ['2', 'x', 'y'] },
    ]);
  });

  it('strips a byte-order mark in the middle of the file (files joined end to end)', async () => {
    const { records } = await read(file('ref,n\nA-1,1\n\uFEFFA-2,2\nA\uFEFF-3,3\n'));
    expect(records.map((r) => r.fields[0])).toEqual(['A-1', 'A-2', 'A-3']);
  });

  it('never turns bytes that are not valid UTF-8 into replacement characters', async () => {
    // Valid UTF-8 for the whole 64 KB sample, then a Windows-1252 "é" (0xE9) in a victim ID.
    const head = 'ref,victim\n' + Array.from({ length: 6000 }, (_, i) => `R-${i},VIC-${i}`).join('\n') + '\n';
    const bytes = Buffer.concat([Buffer.from(head), Buffer.from('R-X,VIC-Ren'), Buffer.from([0xe9]), Buffer.from('\n')]);
    expect(head.length).toBeGreaterThan(64 * 1024);
    await expect(read(file(bytes))).rejects.toThrow(/not valid utf-8 text/);
  });

  it.each([
    ['an empty file', '', /The file is empty/],
    ['binary junk', Buffer.from([0x50, 0x4b, 0x03, 0x04, 0, 0, 0, 1, 2, 3]), /not a text file/],
    ['a truncated quoted value', 'a,b\n1,"never closed\nand no record after it\n', /never ends/],
    ['a 100,000-column line', `${Array.from({ length: 100_000 }, (_, i) => `c${i}`).join(',')}\n1\n`, /does not look like a table/],
  ])('refuses %s with a clear message', async (_what, content, message) => {
    await expect(read(file(content))).rejects.toThrow(message);
  });
});
