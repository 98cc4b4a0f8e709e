/**
 * The assessment set: the library's analyses in the order a strategic assessment reads — overall crime and its
 * trend, places, anti-social behaviour and incidents, people, then themes and community research. A board pack for
 * "the assessment" runs these; analyses not listed (an analyst's own) follow in library order when chosen.
 * Hotspot wards is left out: with its defaults it is the crime rates by ward section again; choose it to add a
 * hotspot ranking for another measure.
 */
export const assessmentOrder = [
  'area-profile',
  'priority-summary',
  'exceptions',
  'priority-matrix',
  'priority-profiles',
  'crime-rates',
  'flag-rates',
  'offence-shares',
  'flag-shares',
  'district-ranking',
  'direction-of-travel',
  'rate-change',
  'monthly-trend',
  'spc-monthly',
  'ward-rates',
  'hotspot-wards',
  'district-comparison',
  'asb-rates',
  'incident-rates',
  'children-rates',
  'children-ward-rates',
  'repeat-victims',
  'repeat-offenders',
  'youth-offenders',
  'flag-profile',
  'victim-offender-profile',
  'mosaic-disproportionality',
  'alcohol-violence',
  'burglary-vehicle-taken',
  'survey-results',
  'spi-triangulation',
  'spi-ward-values',
];

/**
 * Library analyses the assessment set leaves out: hotspot-wards because another section already shows what it shows
 * by default; priority-matrix because it is the county team's view of every district (72 rows for the force), not the
 * partnership's, whose own candidates the priority profiles show. Either is added to a pack by choosing it.
 */
const notInTheSet = new Set(['hotspot-wards', 'priority-matrix']);

/** Analyses in pack order: the assessment's order first, then any others as given. */
export function packOrder<T extends { id: string }>(analyses: readonly T[]): T[] {
  const rank = (id: string) => {
    const at = assessmentOrder.indexOf(id);
    return at === -1 ? assessmentOrder.length : at;
  };
  return analyses.map((a, index) => ({ a, index })).sort((x, y) => rank(x.a.id) - rank(y.a.id) || x.index - y.index).map(({ a }) => a);
}

/** The ids of the assessment set among the analyses this workspace has (library analyses run for an area). */
export const assessmentSet = (analyses: readonly { id: string; source: string; parameters: readonly { name: string }[] }[]): string[] =>
  packOrder(analyses.filter((a) => a.source === 'library' && a.parameters.some((p) => p.name === 'area') && !notInTheSet.has(a.id))).map((a) => a.id);
