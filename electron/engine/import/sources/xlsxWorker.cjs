// Reads an .xlsx workbook in a worker thread (see xlsxRows.ts), so that a hostile or enormous workbook can neither
// block nor exhaust the engine's own thread: the worker has its own heap limit, is killed when the reader stops, and
// first checks the workbook's sizes against caps (a "zip bomb" of shared strings is refused before any is parsed).
// Plain CommonJS, loaded as text and run with `eval`, so the same code runs from source (tests) and from the bundle.
const { parentPort, workerData } = require('node:worker_threads');
const fs = require('node:fs');
const path = require('node:path');
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
        nameBytes: directory.subarray(at + 46, at + 46 + nameLength),
        flags: directory.readUInt16LE(at + 8),
        method: directory.readUInt16LE(at + 10),
        time: directory.readUInt32LE(at + 12),
        crc: directory.readUInt32LE(at + 16),
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
  const fd = fs.openSync(file, 'r');
  let start;
  try {
    start = dataStart(fd, entry);
  } finally {
    fs.closeSync(fd);
  }
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

/** Where an entry's (compressed) data starts: after its local header, whose name and extra field lengths are its own. */
function dataStart(fd, entry) {
  const header = Buffer.alloc(30);
  fs.readSync(fd, header, 0, 30, entry.localHeader);
  if (header.readUInt32LE(0) !== 0x04034b50) throw new Refused('This workbook cannot be read: its zip entries are damaged.');
  return entry.localHeader + 30 + header.readUInt16LE(26) + header.readUInt16LE(28);
}

/**
 * Writes a copy of the workbook (its compressed parts copied as they are) with the parts exceljs needs first —
 * workbook, relationships, shared strings, styles — and the worksheets after them. exceljs then parses each worksheet
 * as it streams instead of spooling it, raw, to a temporary file to wait for the shared strings; and its streaming
 * unzip, which can lose the last part of a zip, only ever loses the padding part written last. The copy is in the
 * workspace's staging folder and removed with it.
 */
function reorderedCopy(file, entries, out) {
  const rank = (name) => {
    if (name === 'xl/_rels/workbook.xml.rels') return 0;
    if (name === 'xl/workbook.xml') return 1;
    if (name === 'xl/sharedStrings.xml') return 2;
    if (name === 'xl/styles.xml') return 3;
    if (name.startsWith('xl/worksheets/')) return 5;
    return 4;
  };
  const ordered = [...entries].sort((a, b) => rank(a.name) - rank(b.name));
  ordered.push({ name: 'csw-end', nameBytes: Buffer.from('csw-end'), flags: 0, method: 0, time: 0, crc: 0, compressed: 0, uncompressed: 0, padding: true });
  const input = fs.openSync(file, 'r');
  const output = fs.openSync(out, 'w');
  try {
    let offset = 0;
    const central = [];
    const write = (buffer) => {
      fs.writeSync(output, buffer);
      offset += buffer.length;
    };
    for (const entry of ordered) {
      const local = Buffer.alloc(30);
      local.writeUInt32LE(0x04034b50, 0);
      local.writeUInt16LE(20, 4);
      local.writeUInt16LE(entry.flags & ~0x8 & 0xffff, 6); // sizes are in this header: no data descriptor
      local.writeUInt16LE(entry.method, 8);
      local.writeUInt32LE(entry.time, 10);
      local.writeUInt32LE(entry.crc, 14);
      local.writeUInt32LE(entry.compressed, 18);
      local.writeUInt32LE(entry.uncompressed, 22);
      local.writeUInt16LE(entry.nameBytes.length, 26);
      const at = offset;
      write(Buffer.concat([local, entry.nameBytes]));
      if (!entry.padding) {
        const start = dataStart(input, entry);
        const chunk = Buffer.alloc(Math.min(entry.compressed, 1 << 20));
        for (let done = 0; done < entry.compressed; ) {
          const n = fs.readSync(input, chunk, 0, Math.min(chunk.length, entry.compressed - done), start + done);
          if (n === 0) throw new Refused('This workbook cannot be read: it is truncated.');
          write(chunk.subarray(0, n));
          done += n;
        }
      }
      const record = Buffer.alloc(46);
      record.writeUInt32LE(0x02014b50, 0);
      record.writeUInt16LE(20, 4);
      record.writeUInt16LE(20, 6);
      record.writeUInt16LE(entry.flags & ~0x8 & 0xffff, 8);
      record.writeUInt16LE(entry.method, 10);
      record.writeUInt32LE(entry.time, 12);
      record.writeUInt32LE(entry.crc, 16);
      record.writeUInt32LE(entry.compressed, 20);
      record.writeUInt32LE(entry.uncompressed, 24);
      record.writeUInt16LE(entry.nameBytes.length, 28);
      record.writeUInt32LE(at, 42);
      central.push(Buffer.concat([record, entry.nameBytes]));
    }
    const directory = Buffer.concat(central);
    const end = Buffer.alloc(22);
    end.writeUInt32LE(0x06054b50, 0);
    end.writeUInt16LE(ordered.length, 8);
    end.writeUInt16LE(ordered.length, 10);
    end.writeUInt32LE(directory.length, 12);
    end.writeUInt32LE(offset, 16);
    write(Buffer.concat([directory, end]));
  } finally {
    fs.closeSync(input);
    fs.closeSync(output);
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
  return entries;
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
      const fields = Array.from(row.values.slice(1), cellText); // exceljs rows are 1-based; empty cells are holes
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
  const entries = await checkWorkbook(workerData.file);
  const copy = path.join(workerData.tmpdir, 'workbook.xlsx');
  reorderedCopy(workerData.file, entries, copy);
  const ExcelJS = require(workerData.exceljs);
  let batch = [];
  const more = () => new Promise((resolve) => parentPort.once('message', resolve));
  for await (const row of sheetRows(ExcelJS, copy, workerData.sheet)) {
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
