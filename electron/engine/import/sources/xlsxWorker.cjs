// Reads an .xlsx workbook in a worker thread (see xlsxRows.ts), so that a hostile or enormous workbook can neither
// block nor exhaust the engine's own thread: the worker has its own heap limit, is killed when the reader stops, and
// first checks the workbook's sizes against caps (a "zip bomb" of shared strings is refused before any is parsed).
// Plain CommonJS, loaded as text and run with `eval`, so the same code runs from source (tests) and from the bundle.
const { parentPort, workerData } = require('node:worker_threads');
const fs = require('node:fs');
const zlib = require('node:zlib');
const { Buffer } = require('node:buffer');

// exceljs spools worksheets that come before the shared strings to temporary files, in os.tmpdir(). This worker's
// environment is its own copy, so pointing TMPDIR at the workspace's staging folder keeps those (raw, unhashed) files
// out of the OS temp folder and inside a folder the engine removes when the read ends and whenever a workspace opens.
process.env.TMPDIR = workerData.tmpdir;
process.env.TMP = workerData.tmpdir;
process.env.TEMP = workerData.tmpdir;

class Refused extends Error {}

const { caps } = workerData;
const mb = (bytes) => `${Math.round(bytes / 1048576).toLocaleString('en-GB')} MB`;

/** The zip's central directory: each entry's name, method, sizes and where its data starts. */
function zipEntries(file) {
  const fd = fs.openSync(file, 'r');
  try {
    const size = fs.fstatSync(fd).size;
    const tailLength = Math.min(size, 65557);
    const tail = Buffer.alloc(tailLength);
    fs.readSync(fd, tail, 0, tailLength, size - tailLength);
    let eocd = -1;
    for (let i = tailLength - 22; i >= 0; i--) {
      if (tail.readUInt32LE(i) === 0x06054b50) {
        eocd = i;
        break;
      }
    }
    if (eocd < 0) throw new Refused('This workbook cannot be read: it is not a complete .xlsx file (the zip directory is missing).');
    const count = tail.readUInt16LE(eocd + 10);
    const directorySize = tail.readUInt32LE(eocd + 12);
    const directoryOffset = tail.readUInt32LE(eocd + 16);
    if (count === 0xffff || directoryOffset === 0xffffffff) throw new Refused('This workbook is larger than 4 GB; save the sheet as CSV and import that.');
    if (count > caps.entries) throw new Refused(`This workbook holds ${count.toLocaleString('en-GB')} parts; the most an import reads is ${caps.entries.toLocaleString('en-GB')}.`);
    const directory = Buffer.alloc(directorySize);
    fs.readSync(fd, directory, 0, directorySize, directoryOffset);
    const entries = [];
    let at = 0;
    for (let i = 0; i < count; i++) {
      if (directory.readUInt32LE(at) !== 0x02014b50) throw new Refused('This workbook cannot be read: its zip directory is damaged.');
      const nameLength = directory.readUInt16LE(at + 28);
      entries.push({
        name: directory.toString('utf8', at + 46, at + 46 + nameLength),
        method: directory.readUInt16LE(at + 10),
        compressed: directory.readUInt32LE(at + 20),
        uncompressed: directory.readUInt32LE(at + 24),
        localHeader: directory.readUInt32LE(at + 42),
      });
      at += 46 + nameLength + directory.readUInt16LE(at + 30) + directory.readUInt16LE(at + 32);
    }
    return entries;
  } finally {
    fs.closeSync(fd);
  }
}

/**
 * Inflates the shared-strings part, counting its bytes and strings as they come and stopping at the caps: the sizes a
 * zip declares can lie, so the real ones are counted. exceljs holds every shared string in memory; this bounds that.
 */
async function checkSharedStrings(file, entry) {
  const header = Buffer.alloc(30);
  const fd = fs.openSync(file, 'r');
  try {
    fs.readSync(fd, header, 0, 30, entry.localHeader);
  } finally {
    fs.closeSync(fd);
  }
  const start = entry.localHeader + 30 + header.readUInt16LE(26) + header.readUInt16LE(28);
  const raw = fs.createReadStream(file, { start, end: start + Math.max(0, entry.compressed - 1) });
  const stream = entry.method === 8 ? raw.pipe(zlib.createInflateRaw()) : raw;
  let bytes = 0;
  let strings = 0;
  let carry = '';
  try {
    for await (const chunk of stream) {
      bytes += chunk.length;
      if (bytes > caps.sharedStringsBytes) {
        throw new Refused(`This workbook's shared text is over ${mb(caps.sharedStringsBytes)} once unpacked, more than an import reads: save the sheet as CSV and import that.`);
      }
      const text = carry + chunk.toString('latin1');
      for (let i = text.indexOf('<si'); i >= 0; i = text.indexOf('<si', i + 3)) {
        const next = text.charCodeAt(i + 3);
        if (next === 62 || next === 32 || next === 47) strings++; // <si>, <si …>, <si/>
      }
      carry = text.slice(-3);
      if (strings > caps.sharedStrings) {
        throw new Refused(
          `This workbook holds more than ${caps.sharedStrings.toLocaleString('en-GB')} distinct text values, more than an import reads at once: save the sheet as CSV and import that.`,
        );
      }
    }
  } finally {
    raw.destroy();
  }
}

async function checkWorkbook(file) {
  const entries = zipEntries(file);
  const declared = entries.reduce((sum, e) => sum + e.uncompressed, 0);
  if (declared > caps.totalBytes) throw new Refused(`This workbook is ${mb(declared)} once unpacked, more than an import reads: save the sheet as CSV and import that.`);
  const shared = entries.find((e) => e.name === 'xl/sharedStrings.xml');
  if (shared && shared.uncompressed > caps.sharedStringsBytes) {
    throw new Refused(`This workbook's shared text is ${mb(shared.uncompressed)} once unpacked, more than an import reads: save the sheet as CSV and import that.`);
  }
  if (shared) await checkSharedStrings(file, shared);
}

function cellText(value) {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) {
    const iso = value.toISOString();
    return iso.endsWith('T00:00:00.000Z') ? iso.slice(0, 10) : iso.slice(0, 19).replace('T', ' ');
  }
  if (typeof value === 'object') {
    if ('result' in value) return cellText(value.result);
    if (Array.isArray(value.richText)) return value.richText.map((r) => r.text).join('');
    if (typeof value.text === 'string') return value.text;
    if (value.error) return '';
    return JSON.stringify(value);
  }
  return String(value);
}

/**
 * Rows of the chosen sheet — by name, or else the first sheet with a table. Title rows above a table (one filled cell,
 * as ONS and NOMIS workbooks have) are skipped, so the header is the first row with at least two filled cells.
 */
async function* sheetRows(ExcelJS, file, sheetName) {
  const workbook = new ExcelJS.stream.xlsx.WorkbookReader(file, { worksheets: 'emit', sharedStrings: 'cache', hyperlinks: 'ignore', styles: 'cache', entries: 'emit' });
  let seen = 0;
  for await (const sheet of workbook) {
    seen++;
    if (sheetName && sheet.name !== sheetName) {
      for await (const row of sheet) void row; // the stream must be drained to reach the next sheet
      continue;
    }
    let width = 0;
    for await (const row of sheet) {
      const fields = row.values.slice(1).map(cellText); // exceljs rows are 1-based
      if (fields.length > caps.columns) throw new Refused(`Row ${row.number} has ${fields.length.toLocaleString('en-GB')} cells; the most an import accepts is ${caps.columns.toLocaleString('en-GB')}.`);
      if (width === 0 && fields.filter((f) => f.trim() !== '').length < 2) continue; // a title above the table
      if (width === 0) width = fields.length;
      while (fields.length < width) fields.push('');
      if (fields.every((f) => f.trim() === '')) continue;
      yield { line: row.number, fields };
    }
    if (width > 0 || sheetName) return;
  }
  if (sheetName) throw new Refused(`The workbook has no sheet called "${sheetName}".`);
  if (seen === 0) throw new Refused('The workbook has no sheets.');
}

/** Rows go to the engine in batches; the next batch is read only when the engine asks, so memory stays bounded. */
async function main() {
  await checkWorkbook(workerData.file);
  const ExcelJS = require(workerData.exceljs);
  let batch = [];
  const more = () => new Promise((resolve) => parentPort.once('message', resolve));
  for await (const row of sheetRows(ExcelJS, workerData.file, workerData.sheet)) {
    batch.push(row);
    if (batch.length >= workerData.batch) {
      parentPort.postMessage({ type: 'rows', rows: batch });
      batch = [];
      await more();
    }
  }
  parentPort.postMessage({ type: 'rows', rows: batch });
  parentPort.postMessage({ type: 'end' });
}

main().catch((error) => {
  parentPort.postMessage({ type: 'error', refused: error instanceof Refused, message: String((error && error.message) || error) });
});
