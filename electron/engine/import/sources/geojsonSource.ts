import fs from 'node:fs';
import { EngineError } from '../../errors';
import { sha256File } from '../fileHash';
import { stageRecords, type StagedRecord } from '../stage';
import type { TabularSource } from './types';

const MAX_BYTES = 512 * 1024 * 1024;
const MAX_DEPTH = 64;
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
  const text = await fs.promises.readFile(file, 'utf8');
  // JSON.parse recurses per level: a file nested deeply enough overflows the stack. Real boundaries nest 5 levels.
  if (nestingDepth(text, MAX_DEPTH) > MAX_DEPTH) {
    throw new EngineError('invalid_input', `This JSON file is nested more than ${MAX_DEPTH} levels deep, which no boundary file is: it cannot be imported.`);
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
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
  (features as Feature[]).forEach((feature, i) => checkFeature(feature, i, codeKey, nameKey));
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

/** How deeply arrays and objects nest in JSON text (outside strings), counting no further than `limit` + 1. */
function nestingDepth(text: string, limit: number): number {
  let depth = 0;
  let deepest = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 92) i++; // backslash: skip the escaped character
      else if (c === 34) inString = false;
    } else if (c === 34) inString = true;
    else if (c === 123 || c === 91) {
      if (++depth > deepest && (deepest = depth) > limit) return deepest;
    } else if (c === 125 || c === 93) depth--;
  }
  return deepest;
}

/**
 * A feature's values must be what GeoJSON and the ONS say they are — a text area code and name, a geometry whose
 * coordinates are positions — or the file is refused: String() would otherwise store "[object Object]" as a code,
 * and a polygon of "not coords" would be imported and break the ward map.
 */
function checkFeature(feature: Feature, index: number, codeKey: string, nameKey: string | undefined): void {
  const refuse = (what: string) => new EngineError('invalid_input', `Feature ${index + 1} of this GeoJSON file ${what}; nothing was imported.`);
  if (!feature || typeof feature !== 'object' || Array.isArray(feature)) throw refuse('is not an object');
  const properties = feature.properties ?? {};
  const code = properties[codeKey];
  if (typeof code !== 'string' || code.trim() === '') throw refuse(`has no text area code in ${codeKey} (it is ${describe(code)})`);
  const name = nameKey ? properties[nameKey] : undefined;
  if (name !== undefined && name !== null && typeof name !== 'string') throw refuse(`has an area name in ${nameKey} that is not text (it is ${describe(name)})`);
  const geometry = feature.geometry as { type?: unknown; coordinates?: unknown } | null | undefined;
  if (geometry === null || geometry === undefined) return; // no boundary: imported without a shape
  const positions = (value: unknown, depth: number): boolean =>
    depth === 0
      ? Array.isArray(value) && value.length >= 2 && value.every((n) => typeof n === 'number' && Number.isFinite(n))
      : Array.isArray(value) && value.every((v) => positions(v, depth - 1));
  if (geometry.type === 'Polygon' && !positions(geometry.coordinates, 2)) throw refuse(`has a Polygon whose coordinates are not rings of [longitude, latitude] positions (they are ${describe(geometry.coordinates)})`);
  if (geometry.type === 'MultiPolygon' && !positions(geometry.coordinates, 3)) throw refuse(`has a MultiPolygon whose coordinates are not polygons of [longitude, latitude] positions (they are ${describe(geometry.coordinates)})`);
}

function describe(value: unknown): string {
  if (value === null || value === undefined) return 'missing';
  if (Array.isArray(value)) return 'a list of other things';
  return typeof value === 'string' ? 'text' : `a${typeof value === 'object' ? 'n' : ''} ${typeof value}`;
}
