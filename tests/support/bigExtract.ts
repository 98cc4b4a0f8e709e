import fs from 'node:fs';
import { policeUkMonths } from './sharedData';

/**
 * A police.uk-shaped extract big enough to take seconds to import: a real month's rows repeated `copies` times, each
 * copy with fresh crime IDs (the last 8 hex digits replaced by the copy number). Returns the number of data rows.
 */
export function writeBigExtract(file: string, copies: number): number {
  const lines = fs.readFileSync(policeUkMonths[0], 'utf8').split('\n');
  const rows = lines.slice(1).filter(Boolean);
  const out = fs.openSync(file, 'w');
  try {
    fs.writeSync(out, `${lines[0]}\n`);
    for (let k = 0; k < copies; k++) {
      fs.writeSync(out, rows.map((r) => r.replace(/^([0-9a-f]{56})[0-9a-f]{8}/, (_, head: string) => head + String(k).padStart(8, '0'))).join('\n') + '\n');
    }
  } finally {
    fs.closeSync(out);
  }
  return rows.length * copies;
}
