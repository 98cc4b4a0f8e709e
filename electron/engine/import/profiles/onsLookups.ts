import type { ImportPlan } from '../plan';
import { column, findHeader } from './headers';

const lsoaHeaders = { lsoa: /^LSOA\d\dCD$/i, lsoaName: /^LSOA\d\dNM$/i, ward: /^WD\d\dCD$/i, wardName: /^WD\d\dNM$/i, district: /^LAD\d\dCD$/i, districtName: /^LAD\d\dNM$/i };
const districtHeaders = { district: /^LAD\d\dCD$/i, districtName: /^LAD\d\dNM$/i, csp: /^CSP\d\dCD$/i, cspName: /^CSP\d\dNM$/i, force: /^PFA\d\dCD$/i, forceName: /^PFA\d\dNM$/i };

const has = (header: readonly string[], patterns: Record<string, RegExp>) => Object.values(patterns).every((p) => findHeader(header, p) >= 0);

export const isLsoaLookup = (header: readonly string[]) => has(header, lsoaHeaders);
export const isDistrictLookup = (header: readonly string[]) => has(header, districtHeaders) && findHeader(header, lsoaHeaders.lsoa) < 0;

/** A lookup file's plan: its columns, by header pattern, into the geography table. */
function lookupPlan(header: readonly string[], profile: string, mode: ImportPlan['mode'], columns: Record<string, RegExp>): ImportPlan {
  return {
    profile,
    mode,
    profileJson: { builtin: profile },
    trueValues: [],
    falseValues: [''],
    personColumns: [],
    targets: [{ dataset: 'geography', columns: Object.fromEntries(Object.entries(columns).map(([name, p]) => [name, column(header, findHeader(header, p))])) }],
  };
}

/** ONS LSOA → ward → district lookup (any vintage: LSOA11CD/WD19CD/LAD19CD…). */
export const lsoaLookupPlan = (header: readonly string[]) =>
  lookupPlan(header, 'ons-lsoa-ward-district', 'lookup-lsoa', {
    lsoa_code: lsoaHeaders.lsoa,
    lsoa_name: lsoaHeaders.lsoaName,
    ward_code: lsoaHeaders.ward,
    ward_name: lsoaHeaders.wardName,
    district_code: lsoaHeaders.district,
    district_name: lsoaHeaders.districtName,
  });

/** ONS district → Community Safety Partnership → police force area lookup. */
export const districtLookupPlan = (header: readonly string[]) =>
  lookupPlan(header, 'ons-district-csp-force', 'lookup-district', {
    district_code: districtHeaders.district,
    district_name: districtHeaders.districtName,
    csp_code: districtHeaders.csp,
    csp_name: districtHeaders.cspName,
    force_code: districtHeaders.force,
    force_name: districtHeaders.forceName,
  });
