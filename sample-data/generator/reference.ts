import path from 'node:path';
import { readCsv, referenceDir } from './files';

/** The published figures the sample data is calibrated to (sample-data/reference, from the 2019 assessment). */
export interface AreaRate {
  group: string;
  subgroup: string | null;
  district: number;
  force: number;
}

export function areaRates(): AreaRate[] {
  return readCsv(path.join(referenceDir, 'assessment-2019-area-rates.csv'))
    .filter((r) => r.category !== 'Anti-social Behaviour')
    .map((r) => ({ group: r.offence_group, subgroup: r.offence_subgroup || null, district: Number(r.csp_rate_per_1000), force: Number(r.force_rate_per_1000) }));
}

export function asbRates(): AreaRate[] {
  return readCsv(path.join(referenceDir, 'assessment-2019-area-rates.csv'))
    .filter((r) => r.category === 'Anti-social Behaviour')
    .map((r) => ({ group: 'ASB', subgroup: r.offence_subgroup || null, district: Number(r.csp_rate_per_1000), force: Number(r.force_rate_per_1000) }));
}

/** Ward rate per 1,000 by ward name and offence group ('ALL CRIME' for the total). */
export function wardRates(): Map<string, Map<string, number>> {
  const rename: Record<string, string> = { 'Misc. Crimes Against Society': 'Miscellaneous Crimes Against Society' };
  return new Map(
    readCsv(path.join(referenceDir, 'assessment-2019-ward-rates.csv')).map((r) => [
      r.ward_name,
      new Map(Object.entries(r).filter(([k]) => k !== 'ward_name').map(([k, v]) => [rename[k] ?? k, Number(v)])),
    ]),
  );
}

/** A figure from assessment-2019-figures.csv by id: its value and, where given, the comparator's. */
export function figure(id: string): { value: number; comparator: number | null } {
  const row = readCsv(path.join(referenceDir, 'assessment-2019-figures.csv')).find((r) => r.id === id);
  if (!row) throw new Error(`No reference figure ${id}.`);
  return { value: Number(row.value), comparator: row.comparator_value ? Number(row.comparator_value) : null };
}

/** Ward-level figures quoted in the text (hotspots), by the ward they name; values come from the figures file. */
const wardFigureIds: Record<string, string> = {
  asb_hotspot_chasetown: 'Chasetown',
  asb_hotspot_stowe: 'Stowe',
  domestic_hotspot_chadsmead: 'Chadsmead',
  domestic_hotspot_chasetown: 'Chasetown',
  burglary_hotspot_shenstone: 'Shenstone',
  burglary_hotspot_bourne_vale: 'Bourne Vale',
  burglary_hotspot_little_aston: 'Little Aston & Stonnall',
  alcohol_hotspot_stowe: 'Stowe',
  alcohol_hotspot_chadsmead: 'Chadsmead',
  missing_hotspot_longdon: 'Longdon',
  missing_hotspot_chasetown: 'Chasetown',
};

export function wardFigures(): { id: string; ward: string; rate: number }[] {
  return Object.entries(wardFigureIds).map(([id, ward]) => ({ id, ward, rate: figure(id).value }));
}

/** A figure from assessment-2019-priority-figures.csv by its measure: the area's value and, where given, the comparator's. */
export function priorityFigure(measure: string): { area: number; comparator: number | null } {
  const row = readCsv(path.join(referenceDir, 'assessment-2019-priority-figures.csv')).find((r) => r.measure === measure);
  if (!row) throw new Error(`No priority figure "${measure}".`);
  return { area: Number(row.area_value), comparator: row.comparator_value ? Number(row.comparator_value) : null };
}
