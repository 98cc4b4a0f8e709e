import type { JsonValue } from '../contracts/common';

/**
 * Words a board reader understands in place of the codes the analyses return: the flag a cohort is drawn by, the
 * sexes and roles of a breakdown, and the row levels of a ward table. Presentation only; results keep their codes.
 */
const cohorts: Record<string, string> = {
  domestic: 'domestic abuse crimes',
  alcohol: 'alcohol-related crimes',
  drugs: 'drug-related crimes',
  hate: 'hate crimes',
  vawg: 'crimes of violence against women and girls',
  cse: 'crimes flagged as child sexual exploitation',
  knife: 'knife crimes',
  public_place: 'crimes in a public place',
  business: 'crimes against businesses',
  vehicle_taken: 'crimes in which a vehicle was taken',
};

/** "domestic abuse crimes": the cohort a flag breakdown (flag-profile) is of. */
export const cohortName = (flag: JsonValue | undefined): string => cohorts[String(flag ?? '')] ?? (flag ? `crimes flagged ${String(flag)}` : 'the flagged crimes');

const sexes: Record<string, string> = { F: 'Female', M: 'Male', U: 'Unknown', X: 'Other' };
const people: Record<string, string> = { F: 'women', M: 'men' };

/** "women aged 25-34": a group of the age–sex breakdown, as a sentence names it. */
export function personGroup(sex: string, age: string): string {
  const who = people[sex] ?? (sex ? `people of sex ${sexes[sex] ?? sex}` : 'people');
  return age ? `${who} aged ${age}` : who;
}

/** Cell values shown in the pack's tables by their label: sexes, roles and row levels. */
const valueLabels: Record<string, Record<string, string>> = {
  sex: sexes,
  role: { victim: 'Victims', offender: 'Offenders' },
  level: { area: 'Area', comparator: 'Comparator', ward: 'Ward' },
  sd_method: { sample: 'Sample SD', population: 'Population SD' },
};

export const cellLabel = (column: string, shown: string): string => valueLabels[column]?.[shown] ?? shown;

/** Parameters by their label rather than their name, for the appendix. */
export const parameterLabels: Record<string, string> = { min_base: 'Smallest base shown', sd_method: 'Standard deviation', min_crimes: 'Crimes to count as a repeat', per: 'Rates per' };
