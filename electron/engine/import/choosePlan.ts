import type { DatasetName } from '../../../shared/datasets/canonical';
import type { MappingProfile } from '../../../shared/datasets/mappingProfile';
import { EngineError } from '../errors';
import type { ImportPlan } from './plan';
import { iodPopulationPlan, isIodPopulation } from './profiles/iodPopulation';
import { isMidYearEstimates, midYearEstimatesPlan } from './profiles/midYearEstimates';
import { mappedPlan, suggestMapping } from './profiles/mapped';
import { districtLookupPlan, isDistrictLookup, isLsoaLookup, lsoaLookupPlan } from './profiles/onsLookups';
import { isPoliceUk, policeUkPlan } from './profiles/policeUk';
import { isSpiWide, spiWidePlan } from './profiles/spiWide';
import { surveyWidePlan } from './profiles/surveyWide';
import { geojsonHeader } from './sources/geojsonSource';

export type ImportAs = DatasetName | 'police-uk';

/**
 * The plan for a file: a given mapping profile wins; otherwise a built-in profile recognised from the header (police.uk,
 * ONS lookups, IoD population); otherwise a mapping suggested from the column names, refused if it misses a column
 * the dataset needs.
 */
export function choosePlan(as: ImportAs, header: readonly string[], fileHash: string, mapping: MappingProfile | undefined, fileName: string): ImportPlan {
  const looksLike = looksLikeOther(as, header);
  if (looksLike) throw new EngineError('invalid_input', looksLike.message);
  if (mapping) {
    if (as !== 'police-uk' && mapping.dataset !== as) {
      throw new EngineError('invalid_input', `The mapping profile is for ${mapping.dataset}, but the import is --as ${as}.`);
    }
    const profile = `mapping:${mapping.name ?? 'unnamed'}`;
    // Mid-year estimate tables are wide by age; a profile for one only says which sheet, year and sex.
    if (mapping.dataset === 'population' && Object.keys(mapping.columns).length === 0 && isMidYearEstimates(header)) {
      return { ...midYearEstimatesPlan(header, fileName, mapping.constants), profile, profileJson: mapping };
    }
    // A survey profile without a question column describes a wide file: one column per question.
    if (mapping.dataset === 'survey' && !mapping.columns.question) return { ...surveyWidePlan(header, mapping.columns), profile, profileJson: mapping };
    return mappedPlan(mapping, header, profile);
  }
  if (as === 'police-uk') {
    if (!isPoliceUk(header)) {
      throw new EngineError('invalid_input', `This does not look like a police.uk street-level file: its columns are ${header.join(', ')}.`);
    }
    return policeUkPlan(header, fileHash);
  }
  if (as === 'crimes' && isPoliceUk(header)) return policeUkPlan(header, fileHash);
  if (as === 'geography' && isLsoaLookup(header)) return lsoaLookupPlan(header);
  if (as === 'geography' && isDistrictLookup(header)) return districtLookupPlan(header);
  if (as === 'geography') {
    throw new EngineError('invalid_input', 'Geography imports take the ONS LSOA→ward→district lookup (LSOA11CD, WD19CD, LAD19CD…) or the district→CSP→force lookup (LAD19CD, CSP19CD, PFA19CD…).');
  }
  if (as === 'population' && isIodPopulation(header)) return iodPopulationPlan(header);
  if (as === 'population' && isMidYearEstimates(header)) return midYearEstimatesPlan(header, fileName);
  if (as === 'spi' && isSpiWide(header)) return spiWidePlan(header, fileName);
  if (as === 'survey' && !header.some((h) => /^question$/i.test(h.trim()))) return surveyWidePlan(header);
  if (as === 'boundaries') {
    if (header.join() !== geojsonHeader.join()) throw new EngineError('invalid_input', 'Boundaries are imported from GeoJSON files (.geojson).');
    return {
      profile: 'geojson-boundaries',
      targets: [{ dataset: 'boundaries', columns: Object.fromEntries(geojsonHeader.map((h, index) => [h, { from: 'column', index, header: h }])) }],
      trueValues: [],
      falseValues: [''],
      personColumns: [],
      mode: 'append',
      profileJson: { builtin: 'geojson-boundaries' },
    };
  }
  return mappedPlan(suggestMapping(as, header), header, 'suggested');
}

/**
 * A file that is plainly of a built-in kind, chosen as something it cannot be: a police.uk street file as a lookup,
 * population or survey (it would be mapped column by column into the wrong table). Says what the file looks like and
 * which type to choose instead; the wizard offers that type.
 */
export function looksLikeOther(as: ImportAs, header: readonly string[]): { as: ImportAs; message: string } | null {
  if (isPoliceUk(header) && as !== 'police-uk' && as !== 'crimes' && as !== 'asb') {
    return {
      as: 'police-uk',
      message: `This looks like a police.uk street-level file (Crime ID, Month, Reported by, LSOA code, Crime type…), not ${as === 'geography' ? 'a geography lookup' : `${as} data`}: import it as a police.uk street-level file (--as police-uk).`,
    };
  }
  return null;
}
