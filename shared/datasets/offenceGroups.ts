/**
 * Home Office / ONS offence groups and subgroups as the Strategic Assessment tables use them. Imports match source
 * values to these spellings (ignoring case, spacing and &/and) and quarantine values that match none.
 */
export const offenceGroups: Record<string, readonly string[]> = {
  'Arson and Criminal Damage': ['Criminal Damage', 'Arson'],
  Burglary: ['Burglary Residential', 'Burglary Business and Community'],
  Robbery: ['Robbery of Personal Property', 'Robbery of Business Property'],
  'Sexual Offences': ['Other Sexual Offences', 'Rape'],
  Theft: ['Other Theft', 'Shoplifting', 'Bicycle Theft', 'Theft from the Person'],
  'Vehicle Offences': [],
  'Violence against the Person': ['Violence with injury', 'Violence without injury', 'Stalking and Harassment'],
  'Drug Offences': ['Possession of Drugs', 'Trafficking in Controlled Drugs'],
  'Miscellaneous Crimes Against Society': [],
  'Possession of Weapons': [],
  'Public Order Offences': [],
  // police.uk publishes violence and sexual offences as one category; kept as its own group rather than guessed apart.
  'Violence and Sexual Offences': [],
};

/** The key two spellings share when they name the same thing: case, spacing, punctuation and &/and ignored. */
export function matchKey(value: string): string {
  return value
    .toLowerCase()
    .replace(/&/g, ' and ')
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}
