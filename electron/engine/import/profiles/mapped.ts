import { canonicalDatasets, type DatasetName } from '../../../../shared/datasets/canonical';
import { defaultFalseValues, defaultTrueValues, type MappingProfile } from '../../../../shared/datasets/mappingProfile';
import { matchKey } from '../../../../shared/datasets/offenceGroups';
import { EngineError } from '../../errors';
import type { ColumnSource, ImportPlan } from '../plan';
import { column } from './headers';

/** Usual spellings of canonical columns in police and ONS extracts, used to suggest a mapping. */
const synonyms: Record<string, string[]> = {
  crime_ref: ['crime id', 'crime ref', 'crime reference', 'crime number', 'crime no', 'occurrence number', 'occurrence ref', 'urn', 'reference'],
  incident_ref: ['incident id', 'incident ref', 'incident reference', 'incident number', 'log number', 'reference'],
  recorded_date: ['date recorded', 'recorded date', 'recorded', 'crime recorded date', 'date'],
  reported_date: ['date reported', 'reported date', 'reported', 'date'],
  occurred_at: ['occurred', 'date occurred', 'committed', 'date time', 'offence date', 'incident date time'],
  offence_group: ['offence group', 'ho offence group', 'crime group', 'offence category', 'crime category', 'crime type'],
  offence_subgroup: ['offence subgroup', 'offence sub group', 'ho offence subgroup', 'crime subgroup', 'sub group'],
  lsoa_code: ['lsoa', 'lsoa code', 'lsoa11cd', 'lsoa cd'],
  ward_code: ['ward code', 'wd19cd', 'ward cd'],
  ward_name: ['ward', 'ward name', 'wd19nm'],
  district_code: ['district code', 'lad code', 'lad19cd', 'la code'],
  district_name: ['district', 'district name', 'lad name', 'local authority', 'lad19nm'],
  victim_id: ['victim id', 'victim', 'victim ref', 'victim urn'],
  offender_id: ['offender id', 'offender', 'suspect id', 'offender ref'],
  person_id: ['person id', 'person', 'nominal id', 'nominal'],
  category: ['category', 'asb category', 'type', 'incident type'],
  incident_type: ['incident type', 'type', 'category'],
  area_code: ['area code', 'code', 'geography code', 'lsoa code', 'ward code'],
  area_name: ['area name', 'name', 'geography name'],
};

/** What values in a column look like, for columns whose names say nothing (an unlabelled LSOA column, say). */
const valuePatterns: Partial<Record<string, RegExp>> = {
  lsoa_code: /^[EW]01\d{6}$/,
  ward_code: /^[EW]05\d{6}$/,
  district_code: /^(E0[6-9]|W06)\d{6}$/,
  area_code: /^[EW]\d{8}$/,
};

/**
 * A mapping suggested from column names (exact canonical names, then the usual spellings) and, for codes, from what
 * the sample values look like. It is a suggestion: the wizard shows it for the analyst to confirm or change.
 */
export function suggestMapping(dataset: DatasetName, header: readonly string[], sample: readonly string[][] = []): MappingProfile {
  const keys = header.map(matchKey);
  const used = new Set<number>();
  const columns: Record<string, string> = {};
  for (const col of canonicalDatasets[dataset].columns) {
    const candidates = [col.name.replace(/_/g, ' '), ...(synonyms[col.name] ?? [])].map(matchKey);
    const index = candidates.map((c) => keys.indexOf(c)).find((i) => i >= 0 && !used.has(i));
    if (index !== undefined) {
      used.add(index);
      columns[col.name] = header[index];
    }
  }
  for (const [name, pattern] of Object.entries(valuePatterns)) {
    if (columns[name] || !canonicalDatasets[dataset].columns.some((c) => c.name === name) || sample.length === 0) continue;
    const index = header.findIndex((_, i) => !used.has(i) && sample.every((row) => (row[i] ?? '').trim() === '' || pattern!.test(row[i].trim())) && sample.some((row) => (row[i] ?? '').trim() !== ''));
    if (index >= 0) {
      used.add(index);
      columns[name] = header[index];
    }
  }
  return { dataset, columns };
}

/** Turns a mapping profile into a plan for this file's header, refusing clearly when it does not fit. */
export function mappedPlan(profile: MappingProfile, header: readonly string[], profileName: string, allowMissing = false): ImportPlan {
  const spec = canonicalDatasets[profile.dataset];
  const keys = header.map(matchKey);
  const sources: Record<string, ColumnSource> = {};
  for (const [canonical, sourceName] of Object.entries(profile.columns)) {
    let index = header.indexOf(sourceName);
    if (index < 0) index = keys.indexOf(matchKey(sourceName));
    if (index < 0) {
      throw new EngineError('invalid_input', `The mapping takes ${canonical} from a column "${sourceName}" that this file does not have. Its columns are: ${header.join(', ')}.`);
    }
    sources[canonical] = column(header, index);
  }
  for (const [canonical, value] of Object.entries(profile.constants ?? {})) sources[canonical] = { from: 'constant', value };
  const missing = spec.columns.filter((c) => 'required' in c && c.required && !sources[c.name]).map((c) => c.name);
  if (missing.length > 0 && !allowMissing) {
    throw new EngineError(
      'invalid_input',
      `No column of this file is mapped to ${missing.join(', ')}, which ${profile.dataset} needs. Columns found: ${header.join(', ')}. Map them in a profile and import with --mapping.`,
    );
  }
  const personColumns = spec.columns
    .filter((c) => c.kind === 'person')
    .map((c) => sources[c.name])
    .flatMap((s) => (s && s.from === 'column' ? [s.index] : []));
  return {
    profile: profileName,
    targets: [{ dataset: profile.dataset, columns: sources }],
    dateFormat: profile.date_format,
    timestampFormat: profile.timestamp_format,
    trueValues: (profile.true_values ?? defaultTrueValues).map((v) => v.toLowerCase()),
    falseValues: (profile.false_values ?? defaultFalseValues).map((v) => v.toLowerCase()),
    personColumns,
    mode: 'append',
    profileJson: profile,
  };
}
