import fs from 'node:fs';
import path from 'node:path';
import type { MappingProfile } from '../../shared/datasets/mappingProfile';
import { asbHeader, asbRow, generateAsb } from './asb';
import { crimeHeader, crimeRow, generateCrimes } from './crimes';
import { publicDir, writeCsv } from './files';
import { generateIncidents, incidentHeader, incidentRow } from './incidents';
import { fitChildPopulations, generateChildren } from './children';
import { Places } from './places';
import { assignFlags } from './flags';
import { generatePeople, mosaicPopulation, type PersonLink } from './people';
import { buildPopulation, populationRows, wardPopulations } from './population';
import { Random } from './random';
import { wardRates } from './reference';
import { spiRows } from './spi';
import { surveyRows } from './survey';

export const DEFAULT_SEED = 20190401;

export interface SampleImport {
  file: string;
  as: 'geography' | 'population' | 'crimes' | 'asb' | 'incidents' | 'victims' | 'offenders' | 'mosaic' | 'survey' | 'spi' | 'boundaries';
  mapping?: MappingProfile;
}

const crimeProfile: MappingProfile = {
  name: 'Sample force crime extract',
  dataset: 'crimes',
  columns: {
    crime_ref: 'Crime Number',
    recorded_date: 'Date Recorded',
    occurred_at: 'Time Committed',
    offence_group: 'HO Offence Group',
    offence_subgroup: 'HO Offence Subgroup',
    lsoa_code: 'LSOA',
    district_code: 'District Code',
    domestic: 'DA Flag',
    alcohol: 'Alcohol Flag',
    public_place: 'Public Place',
    vehicle_taken: 'Vehicle Taken',
    business: 'Business',
    drugs: 'Drugs Flag',
    hate: 'Hate Flag',
    vawg: 'VAWG Flag',
    cse: 'CSE Flag',
    knife: 'Knife Flag',
  },
  date_format: '%d/%m/%Y',
  timestamp_format: '%d/%m/%Y %H:%M',
  true_values: ['Y'],
  false_values: ['N', ''],
};

const asbProfile: MappingProfile = {
  name: 'Sample force ASB extract',
  dataset: 'asb',
  columns: { incident_ref: 'Incident Number', reported_date: 'Date Reported', occurred_at: 'Time', category: 'ASB Category', lsoa_code: 'LSOA', district_code: 'District Code' },
  date_format: '%d/%m/%Y',
  timestamp_format: '%d/%m/%Y %H:%M',
};

const incidentProfile: MappingProfile = {
  name: 'Sample force incident log',
  dataset: 'incidents',
  columns: { incident_ref: 'Log Number', reported_date: 'Date', incident_type: 'Incident Type', risk_level: 'Risk', lsoa_code: 'LSOA', district_code: 'District Code' },
  date_format: '%d/%m/%Y',
};

const linkProfile = (role: 'victims' | 'offenders', idColumn: string): MappingProfile => ({
  name: `Sample force ${role.slice(0, -1)} links`,
  dataset: role,
  columns: { crime_ref: 'Crime Number', person_id: idColumn, age: 'Age', sex: 'Sex', mosaic_group: 'Mosaic Group' },
});
const victimProfile = linkProfile('victims', 'Victim URN');
const offenderProfile = linkProfile('offenders', 'Offender URN');

/**
 * Writes the synthetic inputs of the sample workspace into `dir` — the same bytes for the same seed — and returns the
 * imports that build the workspace from them and from the real public files shipped in sample-data/public.
 */
export function writeSample(dir: string, seed = DEFAULT_SEED): SampleImport[] {
  fs.mkdirSync(dir, { recursive: true });
  const random = new Random(seed);
  const lsoas = buildPopulation(random);
  fitChildPopulations(lsoas);
  const places = new Places(lsoas, random);
  const wardPopulation = wardPopulations(lsoas);
  const crimes = assignFlags(generateCrimes(lsoas, places, random), {
    lichfieldPopulation: [...wardPopulation.values()].reduce((a, b) => a + b, 0),
    forcePopulation: lsoas.reduce((s, l) => s + l.total, 0),
    wardOf: new Map(lsoas.map((l) => [l.code, l.wardName])),
    wardPopulation,
    random,
  });
  const people = generatePeople(crimes, lsoas, random);
  const asb = generateAsb(lsoas, places, random);
  const incidents = generateIncidents(lsoas, places, random);
  const survey = surveyRows(random);
  const spi = spiRows(new Map([...wardRates()].map(([ward, byGroup]) => [ward, byGroup.get('ALL CRIME')!])), random);
  // Last, so that every other file is drawn exactly as before it existed.
  const children = generateChildren(lsoas, random);

  const file = (name: string) => path.join(dir, name);
  writeCsv(file('population-2018.csv'), ['area_code', 'area_name', 'area_type', 'year', 'sex', 'age_band', 'count'], populationRows(lsoas, 2018));
  writeCsv(file('crime-extract-2017-2019.csv'), crimeHeader, crimes.map(crimeRow));
  writeCsv(file('asb-extract-2017-2019.csv'), asbHeader, asb.map(asbRow));
  writeCsv(file('incident-log-2017-2019.csv'), incidentHeader, [...incidents, ...children].map(incidentRow));
  const linkRows = (links: PersonLink[]) => links.map((l) => [l.crimeRef, l.personId, l.age, l.sex, l.mosaic]);
  writeCsv(file('victims-2017-2019.csv'), ['Crime Number', 'Victim URN', 'Age', 'Sex', 'Mosaic Group'], linkRows(people.victims));
  writeCsv(file('offenders-2017-2019.csv'), ['Crime Number', 'Offender URN', 'Age', 'Sex', 'Mosaic Group'], linkRows(people.offenders));
  writeCsv(file('synthetic-mosaic-population-2018.csv'), ['area_code', 'area_name', 'year', 'mosaic_group', 'count'], mosaicPopulation(lsoas, random));
  writeCsv(file('synthetic-resident-survey.csv'), survey.header, survey.rows);
  writeCsv(file('synthetic-spi-lichfield-wards-2023.csv'), spi.header, spi.rows);
  const profiles = [
    ['crime-extract.profile.json', crimeProfile],
    ['asb-extract.profile.json', asbProfile],
    ['incident-log.profile.json', incidentProfile],
    ['victims.profile.json', victimProfile],
    ['offenders.profile.json', offenderProfile],
  ] as const;
  for (const [name, profile] of profiles) {
    fs.writeFileSync(file(name), `${JSON.stringify(profile, null, 2)}\n`);
  }
  return [
    { file: path.join(publicDir, 'geography', 'LSOA11_WD19_LAD19_staffordshire-force.csv'), as: 'geography' },
    { file: path.join(publicDir, 'geography', 'LAD19_CSP19_PFA19_EW_LU.csv'), as: 'geography' },
    { file: file('population-2018.csv'), as: 'population' },
    { file: file('crime-extract-2017-2019.csv'), as: 'crimes', mapping: crimeProfile },
    { file: file('asb-extract-2017-2019.csv'), as: 'asb', mapping: asbProfile },
    { file: file('incident-log-2017-2019.csv'), as: 'incidents', mapping: incidentProfile },
    { file: file('victims-2017-2019.csv'), as: 'victims', mapping: victimProfile },
    { file: file('offenders-2017-2019.csv'), as: 'offenders', mapping: offenderProfile },
    { file: file('synthetic-mosaic-population-2018.csv'), as: 'mosaic' },
    { file: file('synthetic-resident-survey.csv'), as: 'survey' },
    { file: file('synthetic-spi-lichfield-wards-2023.csv'), as: 'spi' },
    { file: path.join(publicDir, 'geography', 'wards-lichfield-E07000194.geojson'), as: 'boundaries' },
  ];
}
