import path from 'node:path';

/** The real public files the project was given (see shared/data/README.md). */
export const sharedData = path.resolve(__dirname, '..', '..', '..', 'shared', 'data');
export const lsoaLookup = path.join(sharedData, 'geography', 'LSOA11_WD19_LAD19_staffordshire-force.csv');
export const districtLookup = path.join(sharedData, 'geography', 'LAD19_CSP19_PFA19_EW_LU.csv');
export const iodPopulation = path.join(sharedData, 'population', 'IoD2019_File6_Population_Denominators_staffordshire-force.csv');
export const policeUkMonths = ['2018-10', '2018-11', '2018-12', '2019-01', '2019-02'].map((m) =>
  path.join(sharedData, 'police-uk', `${m}-staffordshire-street.csv`),
);
