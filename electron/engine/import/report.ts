export type { ImportReport } from '../../../shared/contracts/import';

/** At most this many issues are listed in the report; every one is in the quarantine table. */
export const REPORT_ISSUES = 1000;
