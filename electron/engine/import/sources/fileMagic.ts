import fs from 'node:fs';

/** A file's first bytes, where its format announces itself (a zip's `PK\x03\x04`, Parquet's `PAR1`, a BOM). */
export function readMagic(file: string, length = 4): Buffer {
  const magic = Buffer.alloc(length);
  const handle = fs.openSync(file, 'r');
  try {
    fs.readSync(handle, magic, 0, length, 0);
  } finally {
    fs.closeSync(handle);
  }
  return magic;
}
