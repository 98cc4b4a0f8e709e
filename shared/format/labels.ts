import { shortMonthYear } from './dates';

/**
 * The words people use for the codes the data and the library use: one place, for forms, tables, charts and exports.
 * Scoped by the parameter or column the value belongs to, so that the same code in two places can read differently.
 * A value with no label here is shown as it is (it is already the data's own words: an offence group, a ward).
 */
const flags: Record<string, string> = {
  none: 'All victims',
  domestic: 'Domestic abuse',
  alcohol: 'Alcohol-related',
  drugs: 'Drug-related',
  hate: 'Hate crime',
  vawg: 'Violence against women and girls',
  cse: 'Child sexual exploitation',
  knife: 'Knife crime',
  public_place: 'In a public place',
  business: 'Against a business',
  vehicle_taken: 'Vehicle taken',
};

const labels: Record<string, Record<string, string>> = {
  flag: flags,
  cohort: flags,
  measure_kind: {
    crime: 'All recorded crime',
    offence_group: 'An offence group',
    offence_subgroup: 'An offence subgroup',
    flag: 'A flagged cohort (domestic, alcohol…)',
    asb: 'All anti-social behaviour',
    asb_category: 'An ASB category',
    incident_type: 'A type of incident',
    incident_high_risk: 'High-risk incidents of a type',
  },
  // What district-ranking ranks the districts by.
  measure: { 'crime and ASB': 'Crime and ASB', crime: 'Recorded crime', ASB: 'Anti-social behaviour' },
  // What a repeat victim or offender is counted over (the assessment's definitions are the defaults).
  repeat_scope: { cohort: "The cohort's own crimes", 'all crime': "All the area's crimes" },
  sd_method: {
    sample: 'Sample standard deviation (n − 1)',
    population: 'Population standard deviation (n)',
  },
  per: { '1000': 'per 1,000 residents', '10000': 'per 10,000 residents' },
  role: { victim: 'Victims', offender: 'Offenders' },
  level: { district: 'Districts', csp: 'Community safety partnerships (CSPs)' },
  overdispersion: { none: 'None', multiplicative: "Multiplicative (Spiegelhalter's φ)", additive: "Additive random effects (Spiegelhalter's τ²)" },
  sex: { F: 'Female', M: 'Male', female: 'Female', male: 'Male', all: 'All', U: 'Not recorded' },
};

/** Values written by rule rather than listed: a month column's `2019-03` reads `Mar 2019`. */
const derived: Record<string, (value: string) => string> = {
  month: shortMonthYear,
};

/** The words for `value` of the parameter or column `name`; the value itself when it needs none. */
export function labelOf(name: string, value: string | number): string {
  return labels[name]?.[String(value)] ?? derived[name]?.(String(value)) ?? String(value);
}

/** "Domestic abuse" → "domestic abuse" within a sentence; an acronym or a code ("ASB", "E05010651") as it is. */
export const lowerFirst = (s: string) => (/^[A-Z][a-z]/.test(s) ? s[0].toLowerCase() + s.slice(1) : s);

/**
 * A label naming the value a parameter was run with: `{flag}` in "% flagged {flag}" reads "% flagged domestic abuse"
 * for flag=domestic. A placeholder with no value given is left out with the space before it.
 */
export function withParameters(text: string, parameters: Readonly<Record<string, unknown>> = {}): string {
  return text.replace(/(\s?)\{([a-z_]+)\}/g, (_, space: string, name: string) => {
    const value = parameters[name];
    return typeof value === 'string' || typeof value === 'number' ? `${space}${lowerFirst(labelOf(name, value))}` : '';
  });
}

/** Whether a parameter's or column's values have words of their own here. */
export const hasLabels = (name: string) => name in labels || name in derived;
