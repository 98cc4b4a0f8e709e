import { sqlString } from '../../sqlText';
import { cleaned, trimmedSql } from '../expressions';
import type { ImportPlan } from '../plan';
import { stagedColumn } from '../plan';
import { column, findHeader } from './headers';
import { lineInFile, perFile } from '../fileLines';

const expected = ['Crime ID', 'Month', 'Reported by', 'Falls within', 'Longitude', 'Latitude', 'Location', 'LSOA code', 'LSOA name', 'Crime type', 'Last outcome category', 'Context'];

/** police.uk crime types → Home Office offence group and subgroup. */
export const policeUkCrimeTypes: Record<string, [group: string, subgroup: string | null]> = {
  'Bicycle theft': ['Theft', 'Bicycle Theft'],
  Burglary: ['Burglary', null],
  'Criminal damage and arson': ['Arson and Criminal Damage', null],
  Drugs: ['Drug Offences', null],
  'Other crime': ['Miscellaneous Crimes Against Society', null],
  'Other theft': ['Theft', 'Other Theft'],
  'Possession of weapons': ['Possession of Weapons', null],
  'Public order': ['Public Order Offences', null],
  Robbery: ['Robbery', null],
  Shoplifting: ['Theft', 'Shoplifting'],
  'Theft from the person': ['Theft', 'Theft from the Person'],
  'Vehicle crime': ['Vehicle Offences', null],
  'Violence and sexual offences': ['Violence and Sexual Offences', null],
};

export const ASB_TYPE = 'Anti-social behaviour';

/**
 * The start of each file's SHA-256, as SQL for the row's file, and the row's line within it (fileLines.ts): what
 * references made from the file and line are made of. Several files checked as one table have a hash each.
 */
const fileTag = (fileHashes: readonly string[]) => perFile(fileHashes.map((h) => sqlString(h.slice(0, 12))));
const fileLine = (fileHashes: readonly string[]) => (fileHashes.length === 1 ? 'line' : lineInFile());

/** A crime reference made from the file (the start of its SHA-256) and the line, as ASB references are. */
const madeRefPrefix = (fileHashes: readonly string[]) => `('crime:' || ${fileTag(fileHashes)} || ':')`;
const madeRef = (fileHashes: readonly string[]) => `${madeRefPrefix(fileHashes)} || ${fileLine(fileHashes)}`;

export function isPoliceUk(header: readonly string[]): boolean {
  return expected.every((name) => findHeader(header, name) >= 0);
}

/**
 * The police.uk street-level CSV, needing no mapping: crime rows go to `crimes`, ASB rows to `asb`. police.uk gives
 * only the month, so dates are the first of the month; ASB rows have no reference, so one is made from the file's hash
 * and the line. Rows with no location are kept (blank LSOA) and counted as unlocated.
 */
export function policeUkPlan(header: readonly string[], fileHash: string | readonly string[]): ImportPlan {
  const hashes = typeof fileHash === 'string' ? [fileHash] : fileHash;
  const at = (name: string) => findHeader(header, name);
  const type = stagedColumn(at('Crime type'));
  const typeCase = (pick: 0 | 1) =>
    `CASE trim(${type}) ${Object.entries(policeUkCrimeTypes)
      .map(([k, v]) => `WHEN ${sqlString(k)} THEN ${v[pick] === null ? 'NULL' : sqlString(v[pick] as string)}`)
      .join(' ')} END`;
  const geography = { lsoa_code: column(header, at('LSOA code')) };
  return {
    profile: 'police-uk',
    dateFormat: '%Y-%m',
    trueValues: [],
    falseValues: [''],
    personColumns: [],
    mode: 'append',
    profileJson: { builtin: 'police-uk' },
    uniqueRefs: { dataset: 'crimes', made: madeRef(hashes), prefixSql: madeRefPrefix(hashes), stem: 'crime:' },
    forceMonth: { force: stagedColumn(at('Reported by')), month: stagedColumn(at('Month')) },
    targets: [
      {
        dataset: 'asb',
        where: `${trimmedSql(type)} = ${sqlString(ASB_TYPE)}`,
        columns: {
          incident_ref: { from: 'sql', sql: `'asb:' || ${fileTag(hashes)} || ':' || ${fileLine(hashes)}`, label: 'line' },
          reported_date: column(header, at('Month')),
          category: column(header, at('Crime type')),
          ...geography,
        },
      },
      {
        dataset: 'crimes',
        where: `${trimmedSql(`coalesce(${type}, '')`)} <> ${sqlString(ASB_TYPE)}`,
        columns: {
          // police.uk counts every row: a blank Crime ID (every British Transport Police row) gets a reference made
          // from the file and line, and so (after checking) does one shared by several rows or already in the workspace.
          crime_ref: { from: 'sql', sql: `coalesce(${cleaned(stagedColumn(at('Crime ID')))}, ${madeRef(hashes)})`, label: 'Crime ID' },
          recorded_date: column(header, at('Month')),
          offence_group: { from: 'sql', sql: `coalesce(${typeCase(0)}, ${type})`, label: 'Crime type', columns: [at('Crime type')] },
          offence_subgroup: { from: 'sql', sql: typeCase(1), label: 'Crime type', columns: [at('Crime type')] },
          ...geography,
        },
      },
    ],
  };
}
