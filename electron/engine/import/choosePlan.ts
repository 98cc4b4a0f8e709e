import { isDatasetName, type DatasetName } from '../../../shared/datasets/canonical';
import type { MappingProfile } from '../../../shared/datasets/mappingProfile';
import { EngineError } from '../errors';
import type { ImportPlan } from './plan';
import { iodPopulationPlan, isIodPopulation } from './profiles/iodPopulation';
import { mappedPlan, suggestMapping } from './profiles/mapped';
import { districtLookupPlan, isDistrictLookup, isLsoaLookup, lsoaLookupPlan } from './profiles/onsLookups';
import { isPoliceUk, policeUkPlan } from './profiles/policeUk';

export type ImportAs = DatasetName | 'police-uk';

export const isImportAs = (value: string): value is ImportAs => value === 'police-uk' || isDatasetName(value);

/**
 * The plan for a file: a given mapping profile wins; otherwise a built-in profile recognised from the header (police.uk,
 * ONS lookups, IoD population); otherwise a mapping suggested from the column names, refused if it misses a column
 * the dataset needs.
 */
export function choosePlan(as: ImportAs, header: readonly string[], fileHash: string, mapping?: MappingProfile): ImportPlan {
  if (mapping) {
    if (as !== 'police-uk' && mapping.dataset !== as) {
      throw new EngineError('invalid_input', `The mapping profile is for ${mapping.dataset}, but the import is --as ${as}.`);
    }
    return mappedPlan(mapping, header, `mapping:${mapping.name ?? 'unnamed'}`);
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
  return mappedPlan(suggestMapping(as, header), header, 'suggested');
}
