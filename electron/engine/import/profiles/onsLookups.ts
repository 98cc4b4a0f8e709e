import type { ImportPlan } from '../plan';
import { column, findHeader } from './headers';

const lsoaHeaders = { lsoa: /^LSOA\d\dCD$/i, lsoaName: /^LSOA\d\dNM$/i, ward: /^WD\d\dCD$/i, wardName: /^WD\d\dNM$/i, district: /^LAD\d\dCD$/i, districtName: /^LAD\d\dNM$/i };
const districtHeaders = { district: /^LAD\d\dCD$/i, districtName: /^LAD\d\dNM$/i, csp: /^CSP\d\dCD$/i, cspName: /^CSP\d\dNM$/i, force: /^PFA\d\dCD$/i, forceName: /^PFA\d\dNM$/i };

const has = (header: readonly string[], patterns: Record<string, RegExp>) => Object.values(patterns).every((p) => findHeader(header, p) >= 0);

export const isLsoaLookup = (header: readonly string[]) => has(header, lsoaHeaders);
export const isDistrictLookup = (header: readonly string[]) => has(header, districtHeaders) && findHeader(header, lsoaHeaders.lsoa) < 0;

const base = { trueValues: [], falseValues: [''], personColumns: [] };

/** ONS LSOA → ward → district lookup (any vintage: LSOA11CD/WD19CD/LAD19CD…). */
export function lsoaLookupPlan(header: readonly string[]): ImportPlan {
  const c = (p: RegExp) => column(header, findHeader(header, p));
  return {
    ...base,
    profile: 'ons-lsoa-ward-district',
    mode: 'lookup-lsoa',
    profileJson: { builtin: 'ons-lsoa-ward-district' },
    targets: [
      {
        dataset: 'geography',
        columns: {
          lsoa_code: c(lsoaHeaders.lsoa),
          lsoa_name: c(lsoaHeaders.lsoaName),
          ward_code: c(lsoaHeaders.ward),
          ward_name: c(lsoaHeaders.wardName),
          district_code: c(lsoaHeaders.district),
          district_name: c(lsoaHeaders.districtName),
        },
      },
    ],
  };
}

/** ONS district → Community Safety Partnership → police force area lookup. */
export function districtLookupPlan(header: readonly string[]): ImportPlan {
  const c = (p: RegExp) => column(header, findHeader(header, p));
  return {
    ...base,
    profile: 'ons-district-csp-force',
    mode: 'lookup-district',
    profileJson: { builtin: 'ons-district-csp-force' },
    targets: [
      {
        dataset: 'geography',
        columns: {
          district_code: c(districtHeaders.district),
          district_name: c(districtHeaders.districtName),
          csp_code: c(districtHeaders.csp),
          csp_name: c(districtHeaders.cspName),
          force_code: c(districtHeaders.force),
          force_name: c(districtHeaders.forceName),
        },
      },
    ],
  };
}
