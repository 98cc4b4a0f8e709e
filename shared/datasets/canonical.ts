import type { CanonicalColumn } from './columns';

const areaTypes = ['lsoa', 'ward', 'district', 'csp', 'force'] as const;

const geography: CanonicalColumn[] = [
  { name: 'lsoa_code', kind: 'code', description: 'LSOA code (2011)' },
  { name: 'ward_code', kind: 'code', description: 'Ward code' },
  { name: 'ward_name', kind: 'text', description: 'Ward name' },
  { name: 'district_code', kind: 'code', description: 'Local authority district code' },
  { name: 'district_name', kind: 'text', description: 'Local authority district name' },
];

/** Victims and offenders share one shape: a person linked to a crime. */
const personLinks: CanonicalColumn[] = [
  { name: 'crime_ref', kind: 'text', required: true, description: 'Crime reference' },
  { name: 'person_id', kind: 'person', required: true, description: 'Person identifier (pseudonymised)' },
  { name: 'age', kind: 'integer', description: 'Age in years' },
  { name: 'sex', kind: 'text', description: 'Sex' },
  { name: 'mosaic_group', kind: 'text', description: 'Mosaic group' },
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
    columns: personLinks,
  },
  offenders: {
    title: 'Offenders linked to crimes',
    key: null,
    columns: personLinks,
  },
  population: {
    title: 'Population',
    key: null,
    columns: [
      { name: 'area_code', kind: 'code', required: true, description: 'Area code' },
      { name: 'area_name', kind: 'text', description: 'Area name' },
      { name: 'area_type', kind: 'text', required: true, values: areaTypes, description: 'lsoa, ward, district, csp or force' },
      { name: 'year', kind: 'integer', required: true, range: [1900, 2100], description: 'Year of the estimate' },
      { name: 'sex', kind: 'text', required: true, values: ['all', 'female', 'male'], description: 'all, female or male' },
      { name: 'age_band', kind: 'text', required: true, description: 'all, a single age, or a band like 0-15 or 60+' },
      { name: 'count', kind: 'number', required: true, range: [0, 1e9], description: 'Number of people' },
    ],
  },
  spi: {
    title: 'Social Progress Index',
    key: null,
    columns: [
      { name: 'area_code', kind: 'code', description: 'Area code (ward)' },
      { name: 'area_name', kind: 'text', required: true, description: 'Area name' },
      { name: 'year', kind: 'integer', required: true, range: [1900, 2100], description: 'Year of the index' },
      { name: 'dimension', kind: 'text', required: true, description: 'Basic Human Needs, Foundations of Wellbeing, Opportunity, or the overall index' },
      { name: 'component', kind: 'text', description: 'One of the twelve components (empty for a dimension or overall score)' },
      { name: 'indicator', kind: 'text', description: 'Indicator within the component, where given' },
      { name: 'score', kind: 'number', required: true, range: [0, 100], description: 'Score, 0–100' },
    ],
  },
  survey: {
    title: 'Resident survey answers',
    key: null,
    columns: [
      { name: 'respondent_id', kind: 'text', required: true, description: 'Respondent identifier' },
      { name: 'ward', kind: 'text', description: 'Ward the respondent lives in' },
      { name: 'age_band', kind: 'text', description: 'Age band' },
      { name: 'sex', kind: 'text', description: 'Sex' },
      { name: 'question', kind: 'text', required: true, description: 'Question (the column heading)' },
      { name: 'answer', kind: 'text', required: true, description: 'Answer as given' },
    ],
  },
  mosaic: {
    title: 'Population by Mosaic group',
    key: null,
    columns: [
      { name: 'area_code', kind: 'code', required: true, description: 'Area code' },
      { name: 'area_name', kind: 'text', description: 'Area name' },
      { name: 'year', kind: 'integer', range: [1900, 2100], description: 'Year' },
      { name: 'mosaic_group', kind: 'text', required: true, description: 'Mosaic group' },
      { name: 'count', kind: 'number', required: true, range: [0, 1e9], description: 'Number of people (or households)' },
    ],
  },
  boundaries: {
    title: 'Boundaries (GeoJSON)',
    key: null,
    columns: [
      { name: 'area_code', kind: 'code', required: true, description: 'Area code' },
      { name: 'area_name', kind: 'text', description: 'Area name' },
      { name: 'area_type', kind: 'text', required: true, values: areaTypes, description: 'lsoa, ward, district, csp or force' },
      { name: 'geometry', kind: 'text', required: true, description: 'GeoJSON geometry (WGS84)' },
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
