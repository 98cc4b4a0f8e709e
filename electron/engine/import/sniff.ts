import type { SourceEncoding } from '../../../shared/datasets/mappingProfile';

export interface Sniffed {
  encoding: SourceEncoding;
  /** Bytes of byte-order mark to skip. */
  bomLength: number;
  delimiter: ',' | '\t' | ';' | '|';
}

/** Why a file cannot be read as text at all: refused before anything touches the workspace. */
export function refuseNonText(sample: Uint8Array): string | undefined {
  if (sample.length === 0) return 'The file is empty.';
  if (sample[0] === 0xfe && sample[1] === 0xff) return 'This file is UTF-16 big-endian text, which the import does not read: save it as UTF-8 (or "Unicode" UTF-16 little-endian) CSV and try again.';
  if (sample[0] === 0x00 && sample[1] === 0x00 && sample[2] === 0xfe && sample[3] === 0xff) return 'This file is UTF-32 text, which the import does not read: save it as UTF-8 CSV and try again.';
  if (sample[0] === 0xff && sample[1] === 0xfe && sample[2] === 0x00 && sample[3] === 0x00) return 'This file is UTF-32 text, which the import does not read: save it as UTF-8 CSV and try again.';
  const hasBom = sample[0] === 0xff && sample[1] === 0xfe;
  if (!hasBom && sample.subarray(0, 8192).includes(0)) return 'This is not a text file: it contains binary data. Save it as CSV and try again.';
  return undefined;
}

/**
 * Encoding from the first bytes: a BOM decides; otherwise valid UTF-8 is UTF-8, and anything else is taken as
 * Windows-1252, which is what Excel writes on UK Windows machines.
 */
export function sniffEncoding(sample: Uint8Array): { encoding: SourceEncoding; bomLength: number } {
  if (sample[0] === 0xef && sample[1] === 0xbb && sample[2] === 0xbf) return { encoding: 'utf-8', bomLength: 3 };
  if (sample[0] === 0xff && sample[1] === 0xfe) return { encoding: 'utf-16le', bomLength: 2 };
  // A sample may end part-way through a multi-byte character: ignore the last 3 bytes when judging.
  const judged = sample.length > 4 ? sample.subarray(0, sample.length - 3) : sample;
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(judged);
    return { encoding: 'utf-8', bomLength: 0 };
  } catch {
    return { encoding: 'windows-1252', bomLength: 0 };
  }
}

/** The delimiter that splits the header line into the most fields (outside quotes). */
export function sniffDelimiter(firstLine: string): Sniffed['delimiter'] {
  const counts = { ',': 0, '\t': 0, ';': 0, '|': 0 };
  let quoted = false;
  for (const ch of firstLine) {
    if (ch === '"') quoted = !quoted;
    else if (!quoted && ch in counts) counts[ch as keyof typeof counts]++;
  }
  const best = (Object.entries(counts) as [Sniffed['delimiter'], number][]).sort((a, b) => b[1] - a[1])[0];
  return best[1] > 0 ? best[0] : ',';
}
