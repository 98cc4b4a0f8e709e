import { createHash } from 'node:crypto';
import fs from 'node:fs';
import { EngineError } from '../errors';
import { CsvParser, MAX_COLUMNS, type ParsedRecord } from './csvParser';
import { refuseNonText, sniffDelimiter, sniffEncoding, type Sniffed } from './sniff';

export type CsvRecord = ParsedRecord;

export interface CsvSource {
  path: string;
  /** The encoding was chosen (mapping or wizard), not detected. */
  encodingChosen: boolean;
  header: string[];
  sniffed: Sniffed;
  size: number;
  /** Records after the header, in file order. */
  records(): AsyncGenerator<CsvRecord>;
  /** SHA-256 of the whole file, available once records() is exhausted. */
  sha256(): string;
  bytesRead(): number;
}

export { MAX_COLUMNS };
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
  const all = parse(path, sniffed, overrides.encoding !== undefined, hash, (n) => (bytes += n));
  const first = await all.next();
  if (first.done) throw new EngineError('invalid_input', 'The file is empty.');
  const header = first.value.fields.map((h) => h.trim());
  if (header.length > MAX_COLUMNS) {
    throw new EngineError('invalid_input', `The header has ${header.length.toLocaleString('en-GB')} columns; the most an import accepts is ${MAX_COLUMNS.toLocaleString('en-GB')}.`);
  }
  let consumed = false;
  return {
    path,
    encodingChosen: overrides.encoding !== undefined,
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

/** Raised when the bytes are not valid text in the encoding being read: the caller re-detects or refuses. */
export class NotValidText extends Error {
  constructor(
    readonly sniffed: Sniffed,
    /** The encoding was chosen (mapping or wizard), not detected. */
    readonly chosen: boolean,
    readonly line: number,
  ) {
    super(`This file is not valid ${sniffed.encoding} text (from about line ${line}).`);
  }
}

async function* parse(path: string, sniffed: Sniffed, chosen: boolean, hash: ReturnType<typeof createHash>, onBytes: (n: number) => void): AsyncGenerator<CsvRecord> {
  // Strict: bytes that are not valid in the encoding are an error, never silently replaced by U+FFFD (which would
  // change crime references and victim IDs, so that different people collide). Windows-1252 decodes every byte.
  const label = sniffed.encoding === 'latin1' ? 'iso-8859-1' : sniffed.encoding;
  const decoder = new TextDecoder(label, { fatal: true });
  let records: CsvRecord[] = [];
  const parser = new CsvParser(sniffed.delimiter.charCodeAt(0), (record) => records.push(record));
  let skip = sniffed.bomLength;
  const decode = (bytes?: Buffer) => {
    try {
      const text = bytes ? decoder.decode(bytes, { stream: true }) : decoder.decode();
      // A byte-order mark mid-file (files joined end to end) is not text: it would stay inside a crime reference.
      return text.includes('\uFEFF') ? text.replaceAll('\uFEFF', '') : text;
    } catch {
      // Where: the first replacement character a lenient decoding of this chunk gives, counted in lines.
      const lenient = new TextDecoder(label).decode(bytes ?? new Uint8Array());
      const before = lenient.slice(0, Math.max(0, lenient.indexOf('\uFFFD')));
      throw new NotValidText(sniffed, chosen, parser.physicalLine() + (before.match(/\r\n|\r|\n/g)?.length ?? 0));
    }
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
    parser.feed(decode(bytes));
    for (const record of records) yield record;
    records = [];
  }
  parser.feed(decode());
  parser.end();
  yield* records;
}
