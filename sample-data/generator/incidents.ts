import { allocate, apportion, nearestRateInterval, previousForChange, rateInterval } from './calibrate';
import { dayWeights, financialYearDays, pad, ukDate } from './dates';
import type { Places } from './places';
import { LICHFIELD, type Lsoa } from './population';
import type { Random } from './random';
import { figure } from './reference';

export interface IncidentRecord {
  ref: string;
  reported: Date;
  type: string;
  risk: string;
  lsoa: string;
  district: string;
}

export const MENTAL_HEALTH = 'Mental health';
export const MISSING = 'Missing person';
export const FRAUD = 'Action Fraud referral';

interface Spec {
  type: string;
  rate: string;
  /** A published change on the previous year (%), where there is one. */
  change?: string;
  hotspots?: [figureId: string, ward: string][];
}

const specs: Spec[] = [
  { type: MENTAL_HEALTH, rate: 'mental_health_rate' },
  { type: MISSING, rate: 'missing_persons_rate', change: 'missing_persons_direction', hotspots: [['missing_hotspot_longdon', 'Longdon'], ['missing_hotspot_chasetown', 'Chasetown']] },
  { type: FRAUD, rate: 'fraud_rate' },
];

/**
 * Mental-health calls, missing persons (with a risk level) and Action Fraud referrals for two financial years, at the
 * published Lichfield and force rates per 1,000; Lichfield's high-risk missing persons at their published rate and
 * change, and Longdon at its published missing-person rate.
 */
export function generateIncidents(lsoas: readonly Lsoa[], places: Places, random: Random): IncidentRecord[] {
  const lichfield = lsoas.filter((l) => l.districtCode === LICHFIELD);
  const population = lichfield.reduce((s, l) => s + l.total, 0);
  const forcePopulation = lsoas.reduce((s, l) => s + l.total, 0);
  const placedNow: { type: string; lsoa: Lsoa; risk: string }[] = [];
  const placedBefore: { type: string; lsoa: Lsoa; risk: string }[] = [];

  for (const spec of specs) {
    const { value, comparator } = figure(spec.rate);
    const local = pick(value, population);
    const force = pick(comparator!, forcePopulation, local);
    const here = hotspotSplit(spec, local, lichfield, places, random);
    const others = [...places.otherDistricts(force - local, random)].flatMap(([code, n]) => [...places.spread(n, places.districts.find((d) => d.code === code)!.lsoas, random)]);
    const now = [...here, ...others].flatMap(([lsoa, n]) => Array.from({ length: n }, () => ({ type: spec.type, lsoa, risk: '' })));
    placedNow.push(...now);
    const localNow = now.filter((p) => p.lsoa.districtCode === LICHFIELD);
    const change = spec.change ? figure(spec.change).value : 100 * (random.around(0.08) - 1);
    const before = previousCount(localNow.length, change);
    placedBefore.push(...Array.from({ length: before }, () => ({ ...localNow[random.int(localNow.length)] })));
    const otherNow = now.filter((p) => p.lsoa.districtCode !== LICHFIELD);
    placedBefore.push(...Array.from({ length: Math.round(otherNow.length * random.around(0.06)) }, () => ({ ...otherNow[random.int(otherNow.length)] })));
  }
  assignRisk(placedNow, placedBefore, population, forcePopulation, random);
  const records = [...dated(placedNow, 2018, random), ...dated(placedBefore, 2017, random)].sort((a, b) => a.reported.getTime() - b.reported.getTime() || a.tiebreak - b.tiebreak);
  return records.map((r, i) => ({ ...r, ref: `INC/${String(r.reported.getUTCFullYear()).slice(2)}/${pad(i + 1, 7)}` }));
}

const pick = (rate: number, population: number, floor = 0) => {
  const i = rateInterval(rate, population);
  return allocate([(rate * population) / 1000], [{ lo: Math.max(i.lo, floor), hi: i.hi }], { lo: Math.max(i.lo, floor), hi: i.hi })[0];
};

const previousCount = previousForChange;

function hasPrevious(now: number, changePct: number): boolean {
  try {
    previousCount(now, changePct);
    return true;
  } catch {
    return false;
  }
}

function hotspotSplit(spec: Spec, total: number, lichfield: Lsoa[], places: Places, random: Random): [Lsoa, number][] {
  const out: [Lsoa, number][] = [];
  let placed = 0;
  const hotWards = new Set<string>();
  for (const [id, ward] of spec.hotspots ?? []) {
    const inWard = lichfield.filter((l) => l.wardName === ward);
    // At the nearest count where the ward's population (fixed by the ward table) allows none at the published rate.
    const range = nearestRateInterval(figure(id).value, inWard.reduce((s, l) => s + l.total, 0));
    const n = Math.round((range.lo + range.hi) / 2);
    out.push(...places.spread(n, inWard, random));
    placed += n;
    hotWards.add(ward);
  }
  out.push(...places.spread(total - placed, lichfield.filter((l) => !hotWards.has(l.wardName)), random));
  return out;
}

/** Missing persons get a risk level; Lichfield's high-risk count meets its published rate and change. */
function assignRisk(now: { type: string; lsoa: Lsoa; risk: string }[], before: { type: string; lsoa: Lsoa; risk: string }[], population: number, forcePopulation: number, random: Random): void {
  // This year's count is chosen, within its rate's range, as one that a whole previous-year count can rise from by the
  // published percentage (not every count can: 12% on to 52 is 46 → 13% or 47 → 11%).
  const range = rateInterval(figure('missing_persons_high_risk_rate').value, population);
  const rise = figure('missing_persons_high_risk_direction').value;
  const candidates = Array.from({ length: range.hi - range.lo + 1 }, (_, k) => range.lo + k).filter((n) => hasPrevious(n, rise));
  if (candidates.length === 0) throw new Error('No high-risk missing-person count meets both its rate and its change.');
  const highNow = candidates.reduce((a, b) => (Math.abs(b - (range.lo + range.hi) / 2) < Math.abs(a - (range.lo + range.hi) / 2) ? b : a));
  const highBefore = previousCount(highNow, rise);
  const forceHigh = pick(figure('missing_persons_high_risk_rate').comparator!, forcePopulation, highNow);
  const label = (list: typeof now, localHigh: number, otherHigh: number) => {
    const missing = list.filter((p) => p.type === MISSING);
    const local = random.shuffle(missing.filter((p) => p.lsoa.districtCode === LICHFIELD));
    const other = random.shuffle(missing.filter((p) => p.lsoa.districtCode !== LICHFIELD));
    for (const [group, high] of [[local, localHigh], [other, otherHigh]] as const) {
      const [medium] = apportion(group.length - high, [0.6, 0.4]);
      group.forEach((p, i) => (p.risk = i < high ? 'High' : i < high + medium ? 'Medium' : 'Low'));
    }
  };
  label(now, highNow, forceHigh - highNow);
  label(before, highBefore, Math.round((forceHigh - highNow) * random.around(0.1)));
}

function dated(placed: { type: string; lsoa: Lsoa; risk: string }[], year: number, random: Random) {
  const days = financialYearDays(year);
  const deck = random.shuffle(apportion(placed.length, dayWeights(days)).flatMap((n, i) => Array<number>(n).fill(i)));
  return placed.map((p, i) => ({ ref: '', reported: days[deck[i]], type: p.type, risk: p.risk, lsoa: p.lsoa.code, district: p.lsoa.districtCode, tiebreak: random.next() }));
}

export const incidentHeader = ['Log Number', 'Date', 'Incident Type', 'Risk', 'LSOA', 'District Code'];
export const incidentRow = (r: IncidentRecord) => [r.ref, ukDate(r.reported), r.type, r.risk, r.lsoa, r.district];
