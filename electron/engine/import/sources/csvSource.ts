import { openCsv } from '../csvRecords';
import type { SourceEncoding } from '../../../../shared/datasets/mappingProfile';
import { stageRecords } from '../stage';
import type { TabularSource } from './types';

export async function csvSource(file: string, overrides: { encoding?: SourceEncoding; delimiter?: ',' | '\t' | ';' | '|' }): Promise<TabularSource> {
  const csv = await openCsv(file, overrides);
  return {
    format: 'csv',
    header: csv.header,
    size: csv.size,
    encoding: csv.sniffed.encoding,
    delimiter: csv.sniffed.delimiter,
    async sample(rows) {
      const preview = await openCsv(file, overrides);
      const out: string[][] = [];
      for await (const record of preview.records()) {
        out.push(record.fields);
        if (out.length >= rows) break;
      }
      return out;
    },
    async stage({ connection, personColumns, pseudonymiser, progress, cancelled }) {
      const rowsRead = await stageRecords(connection, csv.header.length, csv.records(), personColumns, pseudonymiser, () => progress(csv.bytesRead() / Math.max(1, csv.size)), cancelled);
      if (cancelled()) return { rowsRead, sha256: '' };
      return { rowsRead, sha256: csv.sha256() };
    },
    close() {},
  };
}
