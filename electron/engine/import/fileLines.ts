/*
 * Several files of one layout can be staged and checked as one table (police.uk street files: batchStage.ts), every
 * checking statement running once for the import rather than once per file. Each staged row's `line` then says both
 * which file it is from and where: file n's line l is staged as n·2³² + l. A single file is file 0, whose staged lines
 * are its lines, so everything keyed by line (the bad lines, the quarantine, file order) works unchanged for either;
 * what is reported or recorded per file is grouped by the file part and given the line part.
 */

import { toCount } from '../rows';

const SHIFT = 32;
const MASK = 2 ** SHIFT - 1;

/** SQL: which file of the stage a staged line is from (0 for a single file). */
export const fileOfLine = (line = 'line') => `(${line} >> ${SHIFT})`;

/** SQL: the line within its own file. */
export const lineInFile = (line = 'line') => `(${line} & ${MASK})`;

/** The staged line of line `line` of file `file`. */
export const stagedLine = (file: number, line: number) => file * 2 ** SHIFT + line;

/** The file of a staged line read back from DuckDB. */
export const fileOf = (line: number) => Math.floor(line / 2 ** SHIFT);

/** The line within its file of a staged line read back from DuckDB. */
export const lineOf = (line: number) => line % 2 ** SHIFT;

/**
 * SQL choosing one of `values` (SQL literals, one per staged file) by the row's file: the value itself for a single
 * file, else a list indexed by the file part of `line` (one lookup per row, however many files).
 */
export function perFile(values: readonly string[], line = 'line'): string {
  return values.length === 1 ? values[0] : `[${values.join(', ')}][${fileOfLine(line)} + 1]`;
}

/**
 * Rows read back from DuckDB whose first column is a staged file (fileOfLine), as each file's list of `make(row)`, in
 * the order read: what a report lists per file (its issues, force-months, unknown areas).
 */
export function groupByFile<T>(rows: readonly (readonly unknown[])[], make: (row: readonly unknown[]) => T): Map<number, T[]> {
  const byFile = new Map<number, T[]>();
  for (const row of rows) {
    const file = toCount(row[0]);
    const list = byFile.get(file);
    if (list) list.push(make(row));
    else byFile.set(file, [make(row)]);
  }
  return byFile;
}

/**
 * Bands of staged lines for writing in file order, each of about `band` rows at most: a file longer than a band is
 * split, and files shorter than one are written together. `ranges`: each file's first and last staged line, in order.
 * Returns [from, to) pairs of staged lines.
 */
export function lineBands(ranges: readonly { first: number; last: number }[], band: number): [number, number][] {
  const chunks: [number, number][] = [];
  for (const { first, last } of ranges) for (let from = first; from <= last; from += band) chunks.push([from, Math.min(last + 1, from + band)]);
  const bands: [number, number][] = [];
  let rows = 0;
  for (const [from, to] of chunks) {
    const last = bands[bands.length - 1];
    if (last && rows + (to - from) <= band) {
      last[1] = to;
      rows += to - from;
    } else {
      bands.push([from, to]);
      rows = to - from;
    }
  }
  return bands;
}
