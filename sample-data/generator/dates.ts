import type { Random } from './random';

/** Financial years as analysts use them: 1 April to 31 March. `2018` is April 2018 – March 2019. */
export function financialYearDays(startYear: number): Date[] {
  const days: Date[] = [];
  for (let d = new Date(Date.UTC(startYear, 3, 1)); d < new Date(Date.UTC(startYear + 1, 3, 1)); d = new Date(d.getTime() + 86_400_000)) days.push(d);
  return days;
}

// Crime is a little higher in summer; weights by month, January first.
const monthWeight = [0.92, 0.88, 0.97, 0.98, 1.04, 1.06, 1.1, 1.08, 1.02, 1.01, 0.98, 0.96];

export function dayWeights(days: readonly Date[]): number[] {
  return days.map((d) => monthWeight[d.getUTCMonth()]);
}

/** Hour-of-day profiles (24 weights) by offence group: violence and disorder peak at night, shoplifting by day. */
export function hourProfile(group: string): number[] {
  const night = [6, 5, 4, 3, 2, 1, 1, 1, 2, 2, 3, 3, 4, 4, 4, 4, 5, 5, 6, 6, 7, 8, 8, 7];
  const day = [1, 0.5, 0.5, 0.5, 0.5, 0.5, 1, 2, 4, 6, 8, 9, 9, 9, 9, 9, 8, 7, 5, 3, 2, 1.5, 1, 1];
  const even = Array.from({ length: 24 }, (_, h) => (h >= 8 && h <= 22 ? 4 : 2));
  if (['Violence against the Person', 'Public Order Offences', 'Arson and Criminal Damage', 'Sexual Offences'].includes(group)) return night;
  if (['Theft', 'Robbery'].includes(group)) return day;
  return even;
}

export const pad = (n: number, width = 2) => String(n).padStart(width, '0');
export const ukDate = (d: Date) => `${pad(d.getUTCDate())}/${pad(d.getUTCMonth() + 1)}/${d.getUTCFullYear()}`;

/** When it happened: usually the day it was recorded, sometimes up to a week before, at an hour typical of the offence. */
export function occurredBefore(recorded: Date, hours: readonly number[], random: Random): string {
  const back = random.next() < 0.6 ? 0 : 1 + random.int(7);
  const when = new Date(recorded.getTime() - back * 86_400_000);
  return `${ukDate(when)} ${pad(random.weighted(hours))}:${pad(random.int(60))}`;
}
