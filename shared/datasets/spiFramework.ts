import { matchKey } from './offenceGroups';

/**
 * The Social Progress Index framework (Social Progress Imperative): three dimensions of four components each. Wide SPI
 * tables name components in their column headers; the dimension each belongs to comes from here.
 */
export const spiFramework: Record<string, readonly string[]> = {
  'Basic Human Needs': ['Nutrition and Basic Medical Care', 'Water and Sanitation', 'Shelter', 'Personal Safety'],
  'Foundations of Wellbeing': ['Access to Basic Knowledge', 'Access to Information and Communications', 'Health and Wellness', 'Environmental Quality'],
  Opportunity: ['Personal Rights', 'Personal Freedom and Choice', 'Inclusiveness', 'Access to Advanced Education'],
};

export const SPI_OVERALL = 'Social Progress Index';

/** Dimension and component for a header ("Health & Wellness" → Foundations of Wellbeing / Health and Wellness). */
export function spiPart(header: string): { dimension: string; component: string | null } | undefined {
  const key = matchKey(header);
  if (key === matchKey(SPI_OVERALL) || key === 'spi' || key === 'spi score') return { dimension: SPI_OVERALL, component: null };
  for (const [dimension, components] of Object.entries(spiFramework)) {
    if (key === matchKey(dimension)) return { dimension, component: null };
    const component = components.find((c) => matchKey(c) === key);
    if (component) return { dimension, component };
  }
  return undefined;
}
