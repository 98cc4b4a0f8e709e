import fs from 'node:fs';
import { EngineError } from '../../errors';
import { sha256File } from '../fileHash';
import { stageRecords, type StagedRecord } from '../stage';
import type { TabularSource } from './types';

const MAX_BYTES = 512 * 1024 * 1024;
const prefixes: Record<string, string> = { LSOA: 'lsoa', WD: 'ward', LAD: 'district', CSP: 'csp', PFA: 'force' };

export const geojsonHeader = ['area_code', 'area_name', 'area_type', 'geometry'];

interface Feature {
  properties?: Record<string, unknown> | null;
  geometry?: { type?: string } | null;
}

/**
 * A GeoJSON FeatureCollection of boundaries (ONS style: properties such as WD25CD / WD25NM or LSOA11CD / LSOA11NM).
 * Each feature becomes one record, numbered by its position in the collection; its geometry is kept as GeoJSON text.
 */
export async function geojsonSource(file: string): Promise<TabularSource> {
  const size = fs.statSync(file).size;
  if (size > MAX_BYTES) throw new EngineError('invalid_input', 'This GeoJSON file is larger than 512 MB; split it by area and import the parts.');
  let parsed: unknown;
  try {
    parsed = JSON.parse(await fs.promises.readFile(file, 'utf8'));
  } catch (error) {
    throw new EngineError('invalid_input', `This is not valid JSON: ${(error as Error).message}`);
  }
  const features = (parsed as { type?: string; features?: unknown }).features;
  if ((parsed as { type?: string }).type !== 'FeatureCollection' || !Array.isArray(features)) {
    throw new EngineError('invalid_input', 'This JSON file is not a GeoJSON FeatureCollection of boundaries.');
  }
  const keys = Object.keys((features[0] as Feature | undefined)?.properties ?? {});
  const codeKey = keys.find((k) => /^(LSOA|WD|LAD|CSP|PFA)\d\dCD$/i.test(k));
  if (!codeKey) throw new EngineError('invalid_input', `The boundaries carry no ONS area code property (such as WD25CD or LSOA11CD). Properties: ${keys.join(', ')}.`);
  const prefix = codeKey.replace(/\d\dCD$/i, '').toUpperCase();
  const nameKey = keys.find((k) => k.toUpperCase() === codeKey.toUpperCase().replace(/CD$/, 'NM'));
  const records = (): StagedRecord[] =>
    (features as Feature[]).map((feature, i) => {
      const properties = feature?.properties ?? {};
      const geometry = feature?.geometry;
      const valid = geometry && (geometry.type === 'Polygon' || geometry.type === 'MultiPolygon');
      return {
        line: i + 1,
        fields: [String(properties[codeKey] ?? ''), String((nameKey && properties[nameKey]) ?? ''), prefixes[prefix], valid ? JSON.stringify(geometry) : ''],
      };
    });
  return {
    format: 'csv',
    header: geojsonHeader,
    size,
    encoding: 'geojson',
    delimiter: 'geojson',
    sample: async (count) => records().slice(0, count).map((r) => [...r.fields.slice(0, 3), `${r.fields[3].slice(0, 60)}…`]),
    async stage({ connection, pseudonymiser, progress, cancelled }) {
      async function* all() {
        yield* records();
      }
      const rowsRead = await stageRecords(connection, geojsonHeader.length, all(), [], pseudonymiser, () => progress(0.9), cancelled);
      return { rowsRead, sha256: await sha256File(file) };
    },
    close() {},
  };
}
