import fs from 'node:fs';
import path from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import type { MappingProfile } from '../../shared/datasets/mappingProfile';

/**
 * Files for the "no raw identifier on any disk" tests (issue 15, break 4): every ID in them carries a marker no other
 * text does, so one search for the marker finds any raw ID wherever it landed. Victim IDs are mapped (and so hashed);
 * "Offender URN" is deliberately left unmapped, so it is never hashed and must never be stored at all.
 */
export const VICTIM_MARK = 'VICRAW';
export const URN_MARK = 'URNRAW';

export const rawIdProfile: MappingProfile = {
  name: 'Raw ID check',
  dataset: 'crimes',
  columns: { crime_ref: 'Ref', recorded_date: 'Recorded', offence_group: 'Group', victim_id: 'Victim' },
  date_format: '%d/%m/%Y',
};
const header = ['Ref', 'Recorded', 'Group', 'Victim', 'Offender URN', 'Notes'];

/** Row i: every 97th has a bad date (quarantined, with its raw values), every 89th a duplicate reference. */
function row(i: number, prefix: string): string[] {
  const date = i % 97 === 5 ? '31/02/2019' : `${String(1 + (i % 28)).padStart(2, '0')}/${String(1 + (i % 12)).padStart(2, '0')}/2019`;
  return [`${prefix}-${i % 89 === 7 ? i - 1 : i}`, date, i % 2 ? 'Theft' : 'Burglary', `${VICTIM_MARK}${i}`, `${URN_MARK}${i}`, 'seen nearby'];
}

/** A simple UTF-8 CSV: DuckDB's fast path reads it. */
export function simpleCsv(file: string, rows: number): void {
  const out = fs.openSync(file, 'w');
  try {
    fs.writeSync(out, `${header.join(',')}\n`);
    for (let start = 0; start < rows; start += 100_000) {
      const lines: string[] = [];
      for (let i = start; i < Math.min(rows, start + 100_000); i++) lines.push(row(i, 'S').join(','));
      fs.writeSync(out, `${lines.join('\n')}\n`);
    }
  } finally {
    fs.closeSync(out);
  }
}

/**
 * A CSV only our parser reads: multi-line notes, and one record whose unbalanced quote swallows the next lines (their
 * raw IDs inside its text) — quarantined, so the quarantine must keep nothing of its text.
 */
export function parserCsv(file: string, rows: number, encoding: 'utf-8' | 'windows-1252' = 'utf-8'): void {
  const lines = [header.join(',')];
  for (let i = 0; i < rows; i++) {
    const fields = row(i, encoding === 'utf-8' ? 'P' : 'W');
    if (i % 50 === 3) fields[5] = '"two\nlines"';
    if (i === 10) fields[5] = '"unbalanced quote, never closed';
    if (i === 30) fields[5] = '"closed" here';
    if (encoding === 'windows-1252') fields[5] = fields[5].replace('seen', 'vu caf\u00e9');
    lines.push(fields.join(','));
  }
  const text = `${lines.join('\r\n')}\r\n`;
  fs.writeFileSync(file, encoding === 'utf-8' ? text : Buffer.from([...text].map((ch) => (ch === '\u00e9' ? 0xe9 : ch.charCodeAt(0)))));
}

/**
 * A workbook whose worksheet comes first in the zip, holding its text inline (no shared strings, as some tools write
 * them): exceljs then spools the worksheet, raw IDs in plain text, to a temporary file before it reads it.
 */
export async function xlsxSheetFirst(file: string, rows: number): Promise<void> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('Extract');
  sheet.addRow(header);
  for (let i = 0; i < rows; i++) sheet.addRow(row(i, 'X'));
  const zip = await JSZip.loadAsync(await workbook.xlsx.writeBuffer({ useSharedStrings: false } as Partial<ExcelJS.XlsxWriteOptions>));
  const reordered = new JSZip();
  const names = Object.keys(zip.files).filter((n) => !zip.files[n].dir);
  const sheetsFirst = [...names.filter((n) => n.startsWith('xl/worksheets/')), ...names.filter((n) => !n.startsWith('xl/worksheets/'))];
  for (const name of sheetsFirst) reordered.file(name, await zip.files[name].async('nodebuffer'));
  fs.writeFileSync(file, await reordered.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' }));
}

/** A Parquet file, written by a separate, unrestricted DuckDB (the test's tool, not the app's sealed workspace). */
export async function parquetFile(file: string, rows: number): Promise<void> {
  const writer = await (await DuckDBInstance.create(':memory:')).connect();
  await writer.run(
    `COPY (SELECT 'Q-' || range AS "Ref", strftime(DATE '2019-01-01' + CAST(range % 365 AS INTEGER), '%d/%m/%Y') AS "Recorded",
       CASE WHEN range % 2 = 0 THEN 'Theft' ELSE 'Burglary' END AS "Group", '${VICTIM_MARK}' || range AS "Victim",
       '${URN_MARK}' || range AS "Offender URN", 'seen nearby' AS "Notes" FROM range(${rows})) TO '${file}' (FORMAT parquet)`,
  );
  writer.closeSync();
}

/** Every file under `root` (recursively), skipping what `skip` names. */
export function filesUnder(root: string, skip: (file: string) => boolean = () => false): string[] {
  if (!fs.existsSync(root)) return [];
  return fs.readdirSync(root, { recursive: true, withFileTypes: true }).flatMap((entry) => {
    const file = path.join(entry.parentPath, entry.name);
    return entry.isFile() && !skip(file) ? [file] : [];
  });
}

/** The files among `files` holding any of `needles` (as bytes). A file that vanished meanwhile holds nothing. */
export function filesHolding(files: string[], needles: (string | Buffer)[]): string[] {
  return files.filter((file) => {
    let bytes: Buffer;
    try {
      bytes = fs.readFileSync(file);
    } catch {
      return false;
    }
    return needles.some((needle) => bytes.includes(needle));
  });
}

/** The workspace's HMAC key in every form it could be written: hex text, raw bytes, and the HMAC pads as hex. */
export function keyForms(workspace: string): (string | Buffer)[] {
  const hex = fs.readFileSync(workspace.replace(/\.duckdb$/, '.key'), 'utf8').trim();
  const key = Buffer.from(hex, 'hex');
  const padded = Buffer.concat([key, Buffer.alloc(64 - key.length)]);
  const pad = (byte: number) => Buffer.from(padded.map((b) => b ^ byte)).toString('hex');
  return [hex, key, pad(0x36), pad(0x5c)];
}
