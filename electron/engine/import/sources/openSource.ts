import fs from 'node:fs';
import path from 'node:path';
import type { DuckDBConnection } from '@duckdb/node-api';
import type { MappingProfile } from '../../../../shared/datasets/mappingProfile';
import { EngineError } from '../../errors';
import { csvSource } from './csvSource';
import { geojsonSource } from './geojsonSource';
import { parquetSource } from './parquetSource';
import type { TabularSource } from './types';
import { xlsxSource } from './xlsxSource';
import { readMagic } from './fileMagic';

export type SourceOptions = Pick<MappingProfile, 'sheet' | 'encoding' | 'delimiter'>;

/** Opens a file by what it is (its first bytes), not only its name: XLSX, Parquet, or delimited text. */
/**
 * `fastCsv: 'in-transaction'`: the caller stages inside its own transaction, which a failed statement would abort, so
 * DuckDB's reader is tried only in the sealed reader's separate instance (see importBatch.ts); `false`: our own parser only.
 */
export async function openSource(file: string, filesDir: string, connection: DuckDBConnection, mapping?: SourceOptions, fastCsv: boolean | 'in-transaction' = true): Promise<TabularSource> {
  const stat = fs.statSync(file, { throwIfNoEntry: false });
  if (!stat) throw new EngineError('not_found', `There is no file at ${file}.`);
  if (stat.isDirectory()) throw new EngineError('invalid_input', `${file} is a folder, not a file.`);
  // A pipe, a device (/dev/zero never ends) or a socket: not a file that can be read, hashed and read again.
  if (!stat.isFile()) throw new EngineError('invalid_input', `${file} is not an ordinary file (it is a pipe, a device or a socket): save the data to a file and import that.`);
  const magic = readMagic(file);
  const extension = path.extname(file).toLowerCase();
  if (extension === '.xls') throw new EngineError('invalid_input', 'Old .xls workbooks cannot be read: save it as .xlsx or CSV and import that.');
  if (magic.toString('latin1') === 'PAR1') return parquetSource(file, filesDir, connection);
  if (magic[0] === 0x50 && magic[1] === 0x4b && magic[2] === 0x03 && magic[3] === 0x04) {
    if (extension !== '.xlsx' && extension !== '.xlsm') throw new EngineError('invalid_input', 'This is a zip archive, not a table: unzip it and import the file inside.');
    return xlsxSource(file, filesDir, mapping?.sheet);
  }
  if (extension === '.geojson' || (extension === '.json' && magic.toString('latin1').trimStart().startsWith('{'))) return geojsonSource(file);
  if (extension === '.xlsx' || extension === '.parquet') {
    throw new EngineError('invalid_input', `This file is named ${extension} but is not a valid ${extension === '.xlsx' ? 'Excel workbook' : 'Parquet file'}.`);
  }
  return csvSource(file, { encoding: mapping?.encoding, delimiter: mapping?.delimiter }, fastCsv ? filesDir : undefined, fastCsv === 'in-transaction');
}
