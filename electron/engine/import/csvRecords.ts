import { createHash } from 'node:crypto';
import fs from 'node:fs';
import { EngineError } from '../errors';
import { refuseNonText, sniffDelimiter, sniffEncoding, type Sniffed } from './sniff';

export interface CsvRecord {
  /** Line in the source file where the record starts (1 = the header). */
  line: number;
  fields: string[];
}

export interface CsvSource {
  header: string[];
  sniffed: Sniffed;
  size: number;
  /** Records after the header, in file order. */
  records(): AsyncGenerator<CsvRecord>;
  /** SHA-256 of the whole file, available once records() is exhausted. */
  sha256(): string;
  bytesRead(): number;
}

export const MAX_COLUMNS = 2000;
const MAX_FIELD_CHARS = 1_000_000;
const SAMPLE_BYTES = 64 * 1024;

/**
 * Streams a delimited text file as records with their source line numbers: quoted fields may hold delimiters, quotes
 * ("") and newlines; CRLF and LF both end records. Memory stays bounded by the largest record, never the file.
 */
export async function openCsv(path: string, overrides: Partial<Pick<Sniffed, 'encoding' | 'delimiter'>> = {}): Promise<CsvSource> {
  const size = fs.statSync(path).size;
  const sample = await readSample(path);
  const refusal = refuseNonText(sample);
  if (refusal) throw new EngineError('invalid_input', refusal);
  const detected = sniffEncoding(sample);
  const encoding = overrides.encoding ?? detected.encoding;
  const bomLength = encoding === detected.encoding ? detected.bomLength : 0;
  const firstLine = new TextDecoder(encoding === 'latin1' ? 'iso-8859-1' : encoding).decode(sample.subarray(bomLength)).split(/\r?\n/)[0];
  const sniffed: Sniffed = { encoding, bomLength, delimiter: overrides.delimiter ?? sniffDelimiter(firstLine) };

  const hash = createHash('sha256');
  let bytes = 0;
  const all = parse(path, sniffed, hash, (n) => (bytes += n));
  const first = await all.next();
  if (first.done) throw new EngineError('invalid_input', 'The file is empty.');
  const header = first.value.fields.map((h) => h.trim());
  if (header.length > MAX_COLUMNS) {
    throw new EngineError('invalid_input', `The header has ${header.length.toLocaleString('en-GB')} columns; the most an import accepts is ${MAX_COLUMNS.toLocaleString('en-GB')}.`);
  }
  let consumed = false;
  return {
    header,
    sniffed,
    size,
    async *records() {
      if (consumed) throw new Error('records() can be read once');
      consumed = true;
      yield* all;
    },
    sha256: () => hash.digest('hex'),
    bytesRead: () => bytes,
  };
}

async function readSample(path: string): Promise<Uint8Array> {
  const handle = await fs.promises.open(path, 'r');
  try {
    const buffer = Buffer.alloc(SAMPLE_BYTES);
    const { bytesRead } = await handle.read(buffer, 0, SAMPLE_BYTES, 0);
    return buffer.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
}

const QUOTE = 34;
const CR = 13;
const LF = 10;

async function* parse(path: string, sniffed: Sniffed, hash: ReturnType<typeof createHash>, onBytes: (n: number) => void): AsyncGenerator<CsvRecord> {
  const decoder = new TextDecoder(sniffed.encoding === 'latin1' ? 'iso-8859-1' : sniffed.encoding);
  const delimiter = sniffed.delimiter.charCodeAt(0);
  let fields: string[] = [];
  let field = '';
  let quoted = false; // inside a quoted field
  let afterQuote = false; // just saw a quote inside a quoted field (could be "" or the closing quote)
  let line = 1;
  let recordLine = 1;
  let pendingCR = false;
  let skip = sniffed.bomLength;

  const endField = () => {
    if (fields.length >= MAX_COLUMNS * 2) throw new EngineError('invalid_input', `Line ${recordLine} has more than ${(MAX_COLUMNS * 2).toLocaleString('en-GB')} fields; this does not look like a table.`);
    fields.push(field);
    field = '';
  };

  for await (const chunk of fs.createReadStream(path, { highWaterMark: 1 << 20 }) as AsyncIterable<Buffer>) {
    hash.update(chunk);
    onBytes(chunk.length);
    let bytes: Buffer = chunk;
    if (skip > 0) {
      const n = Math.min(skip, bytes.length);
      bytes = bytes.subarray(n);
      skip -= n;
    }
    const text = decoder.decode(bytes, { stream: true });
    const records: CsvRecord[] = [];
    let start = 0; // start of the unquoted run not yet copied into `field`
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (pendingCR) {
        pendingCR = false;
        if (c === LF) {
          start = i + 1;
          continue;
        }
      }
      if (quoted) {
        if (afterQuote) {
          afterQuote = false;
          if (c === QUOTE) {
            field += '"';
            start = i + 1;
            continue;
          }
          quoted = false; // that was the closing quote; handle c as unquoted text from here
          start = i;
        } else if (c === QUOTE) {
          field += text.slice(start, i);
          afterQuote = true;
          continue;
        } else {
          if (c === LF || (c === CR && text.charCodeAt(i + 1) !== LF)) line++;
          continue;
        }
      }
      if (c === QUOTE && field === '' && i === start) {
        quoted = true;
        start = i + 1;
      } else if (c === delimiter) {
        field += text.slice(start, i);
        endField();
        start = i + 1;
      } else if (c === LF || c === CR) {
        field += text.slice(start, i);
        endField();
        records.push({ line: recordLine, fields });
        fields = [];
        line++;
        recordLine = line;
        pendingCR = c === CR;
        start = i + 1;
      }
    }
    if (quoted) {
      if (!afterQuote) field += text.slice(start);
    } else field += text.slice(start);
    if (field.length > MAX_FIELD_CHARS) {
      throw new EngineError(
        'invalid_input',
        quoted
          ? `A quoted value starting on line ${recordLine} never ends: the file may be truncated or a quote is unbalanced.`
          : `Line ${recordLine} has a value over a million characters long; this does not look like a table.`,
      );
    }
    for (const record of records) if (!isBlank(record)) yield record;
  }
  const tail = decoder.decode();
  field += tail;
  if (quoted && !afterQuote) {
    throw new EngineError('invalid_input', `A quoted value starting on line ${recordLine} never ends: the file may be truncated or a quote is unbalanced.`);
  }
  if (field !== '' || fields.length > 0) {
    fields.push(field);
    const record = { line: recordLine, fields };
    if (!isBlank(record)) yield record;
  }
}

/** Blank lines (often at the end of files saved from Excel) are not records. */
const isBlank = (record: CsvRecord) => record.fields.length === 1 && record.fields[0].trim() === '';
