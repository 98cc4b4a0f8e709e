/**
 * Home Office / ONS offence groups and subgroups as the Strategic Assessment tables use them. Imports match source
 * values to these spellings (ignoring case, spacing and &/and) and quarantine values that match none. Groups the
 * assessment does not break down (no subgroups listed) keep any subgroup the source gives, as written: there is no list
 * to check it against, and a vehicle crime is not unusable for naming its subgroup.
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

/**
 * Other spellings of the same groups and subgroups: the names of the Home Office Counting Rules and ONS tables, which
 * force extracts use ("Theft offences", "Residential burglary"). They are matched like the canonical names and stored
 * in the canonical spelling, so a force extract does not lose most of its rows to quarantine over a name.
 */
export const offenceGroupAliases: Record<string, readonly string[]> = {
  'Arson and Criminal Damage': ['Criminal damage and arson'],
  Theft: ['Theft offences'],
  'Possession of Weapons': ['Possession of weapons offences'],
  'Drug Offences': ['Drugs'],
  'Miscellaneous Crimes Against Society': ['Miscellaneous crimes', 'Other crimes against society'],
  'Vehicle Offences': ['Vehicle crime'],
  'Public Order Offences': ['Public order'],
};

export const offenceSubgroupAliases: Record<string, readonly string[]> = {
  'Burglary Residential': ['Residential burglary', 'Domestic burglary'],
  'Burglary Business and Community': ['Business and community burglary', 'Non-residential burglary', 'Non-domestic burglary'],
  'Robbery of Personal Property': ['Personal robbery'],
  'Robbery of Business Property': ['Business robbery'],
  'Other Theft': ['All other theft offences', 'Other theft offences'],
  'Theft from the Person': ['Theft from person'],
  'Possession of Drugs': ['Drug possession'],
  'Trafficking in Controlled Drugs': ['Trafficking of drugs', 'Drug trafficking'],
  'Stalking and Harassment': ['Stalking & harassment'],
};

/** The key two spellings share when they name the same thing: case, spacing, punctuation and &/and ignored. */
export function matchKey(value: string): string {
  return value
    .toLowerCase()
    .replace(/&/g, ' and ')
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}
