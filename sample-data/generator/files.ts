import fs from 'node:fs';
import path from 'node:path';

/**
 * The sample-data folder: the parent of this file when run from source (tests), or found by walking up from the bundle
 * (out/main, out/main/chunks) to the checkout that holds it.
 */
export const sampleDataDir = findSampleData(__dirname);

function findSampleData(from: string): string {
  for (let dir = from, i = 0; i < 6; i++, dir = path.dirname(dir)) {
    if (path.basename(dir) === 'sample-data' && fs.existsSync(path.join(dir, 'reference'))) return dir;
    if (fs.existsSync(path.join(dir, 'sample-data', 'reference'))) return path.join(dir, 'sample-data');
  }
  throw new Error(`The sample-data folder was not found above ${from}.`);
}

/** The folders the generator reads: published reference figures and the real public files shipped beside it. */
export const referenceDir = path.join(sampleDataDir, 'reference');
export const publicDir = path.join(sampleDataDir, 'public');

/** A small, trusted CSV (the reference tables, the lookups) as objects keyed by header. Handles quoted fields. */
export function readCsv(file: string): Record<string, string>[] {
  const text = fs.readFileSync(file, 'utf8').replace(/^\uFEFF/, '');
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else field += c;
  }
  if (field !== '' || row.length > 0) rows.push([...row, field]);
  const [header, ...data] = rows.filter((r) => r.some((v) => v !== ''));
  return data.map((r) => Object.fromEntries(header.map((h, i) => [h, r[i] ?? ''])));
}

/** Writes rows as CSV (fields quoted where needed), creating the folder. */
export function writeCsv(file: string, header: readonly string[], rows: Iterable<readonly (string | number)[]>): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const quote = (v: string | number) => {
    const s = String(v);
    return /[",\r\n]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
  };
  const lines = [header.map(quote).join(',')];
  for (const row of rows) lines.push(row.map(quote).join(','));
  fs.writeFileSync(file, `${lines.join('\n')}\n`);
}
