import path from 'node:path';

/** The real public files shipped with the app (see sample-data/README.md for sources and licences). */
export const publicData = path.resolve(__dirname, '..', '..', 'sample-data', 'public');
export const lsoaLookup = path.join(publicData, 'geography', 'LSOA11_WD19_LAD19_staffordshire-force.csv');
export const districtLookup = path.join(publicData, 'geography', 'LAD19_CSP19_PFA19_EW_LU.csv');
export const iodPopulation = path.join(publicData, 'population', 'IoD2019_File6_Population_Denominators_staffordshire-force.csv');
export const policeUkMonths = ['2018-10', '2018-11', '2018-12', '2019-01', '2019-02'].map((m) =>
  path.join(publicData, 'police-uk', `${m}-staffordshire-street.csv`),
);
/** police.uk as published in 2024: Derbyshire (rows sharing a Crime ID, 2021 LSOA codes) and BTP (no Crime IDs). */
export const policeUk2024 = {
  derbyshire: path.join(publicData, 'police-uk', '2024', '2024-01-derbyshire-street.csv'),
  btp: path.join(publicData, 'police-uk', '2024', '2024-02-btp-street.csv'),
};
