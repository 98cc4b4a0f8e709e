import type { CanonicalColumn } from './columns';

const geography: CanonicalColumn[] = [
  { name: 'lsoa_code', kind: 'code', description: 'LSOA code (2011)' },
  { name: 'ward_code', kind: 'code', description: 'Ward code' },
  { name: 'ward_name', kind: 'text', description: 'Ward name' },
  { name: 'district_code', kind: 'code', description: 'Local authority district code' },
  { name: 'district_name', kind: 'text', description: 'Local authority district name' },
];

const flags = ['domestic', 'alcohol', 'drugs', 'hate', 'vawg', 'cse', 'knife', 'public_place', 'business', 'vehicle_taken'].map(
  (name): CanonicalColumn => ({ name, kind: 'flag', description: `Flag: ${name.replace('_', ' ')}` }),
);

/** The canonical datasets: names and columns are the contract for imports, saved analyses, the CLI and tests. */
export const canonicalDatasets = {
  crimes: {
    title: 'Recorded crimes',
    key: 'crime_ref',
    columns: [
      { name: 'crime_ref', kind: 'text', required: true, description: 'Crime reference (unique)' },
      { name: 'recorded_date', kind: 'date', required: true, description: 'Date recorded' },
      { name: 'occurred_at', kind: 'timestamp', description: 'When it happened (for time-of-day analysis)' },
      { name: 'offence_group', kind: 'text', required: true, description: 'Home Office offence group' },
      { name: 'offence_subgroup', kind: 'text', description: 'Home Office offence subgroup' },
      ...geography,
      ...flags,
      { name: 'victim_id', kind: 'person', description: 'Victim identifier (pseudonymised)' },
      { name: 'offender_id', kind: 'person', description: 'Offender identifier (pseudonymised)' },
    ],
  },
  asb: {
    title: 'Anti-social behaviour incidents',
    key: 'incident_ref',
    columns: [
      { name: 'incident_ref', kind: 'text', required: true, description: 'Incident reference (unique)' },
      { name: 'reported_date', kind: 'date', required: true, description: 'Date reported' },
      { name: 'occurred_at', kind: 'timestamp', description: 'When it happened' },
      { name: 'category', kind: 'text', required: true, description: 'ASB category' },
      ...geography,
    ],
  },
  incidents: {
    title: 'Other police incidents',
    key: 'incident_ref',
    columns: [
      { name: 'incident_ref', kind: 'text', required: true, description: 'Incident reference (unique)' },
      { name: 'reported_date', kind: 'date', required: true, description: 'Date reported' },
      { name: 'incident_type', kind: 'text', required: true, description: 'Incident type (mental health, missing person…)' },
      { name: 'risk_level', kind: 'text', description: 'Risk level (missing persons)' },
      ...geography,
    ],
  },
  victims: {
    title: 'Victims linked to crimes',
    key: null,
    columns: [
      { name: 'crime_ref', kind: 'text', required: true, description: 'Crime reference' },
      { name: 'person_id', kind: 'person', required: true, description: 'Person identifier (pseudonymised)' },
      { name: 'age', kind: 'integer', description: 'Age in years' },
      { name: 'sex', kind: 'text', description: 'Sex' },
      { name: 'mosaic_group', kind: 'text', description: 'Mosaic group' },
    ],
  },
  offenders: {
    title: 'Offenders linked to crimes',
    key: null,
    columns: [
      { name: 'crime_ref', kind: 'text', required: true, description: 'Crime reference' },
      { name: 'person_id', kind: 'person', required: true, description: 'Person identifier (pseudonymised)' },
      { name: 'age', kind: 'integer', description: 'Age in years' },
      { name: 'sex', kind: 'text', description: 'Sex' },
      { name: 'mosaic_group', kind: 'text', description: 'Mosaic group' },
    ],
  },
  population: {
    title: 'Population',
    key: null,
    columns: [
      { name: 'area_code', kind: 'code', required: true, description: 'Area code' },
      { name: 'area_name', kind: 'text', description: 'Area name' },
      { name: 'area_type', kind: 'text', required: true, description: 'lsoa, ward, district or force' },
      { name: 'year', kind: 'integer', required: true, description: 'Year of the estimate' },
      { name: 'sex', kind: 'text', required: true, description: 'all, female or male' },
      { name: 'age_band', kind: 'text', required: true, description: 'all, a single age, or a band like 0-15 or 60+' },
      { name: 'count', kind: 'number', required: true, description: 'Number of people' },
    ],
  },
  geography: {
    title: 'Geography lookup',
    key: 'lsoa_code',
    columns: [
      { name: 'lsoa_code', kind: 'code', required: true, description: 'LSOA code (2011)' },
      { name: 'lsoa_name', kind: 'text', description: 'LSOA name' },
      { name: 'ward_code', kind: 'code', description: 'Ward code' },
      { name: 'ward_name', kind: 'text', description: 'Ward name' },
      { name: 'district_code', kind: 'code', description: 'District code' },
      { name: 'district_name', kind: 'text', description: 'District name' },
      { name: 'csp_code', kind: 'code', description: 'Community Safety Partnership code' },
      { name: 'csp_name', kind: 'text', description: 'Community Safety Partnership name' },
      { name: 'force_code', kind: 'code', description: 'Police force area code' },
      { name: 'force_name', kind: 'text', description: 'Police force area name' },
    ],
  },
} as const satisfies Record<string, { title: string; key: string | null; columns: CanonicalColumn[] }>;

export type DatasetName = keyof typeof canonicalDatasets;
export const datasetNames = Object.keys(canonicalDatasets) as DatasetName[];
export const isDatasetName = (name: string): name is DatasetName => (datasetNames as string[]).includes(name);

/** Datasets whose rows carry geography that is filled from (and checked against) the lookup. */
export const locatedDatasets: readonly DatasetName[] = ['crimes', 'asb', 'incidents'];
