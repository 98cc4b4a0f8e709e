import { apportion, percentInterval } from './calibrate';
import { within } from './flagTargets';
import type { Random } from './random';

/**
 * People for a set of crimes such that a given share of the people are repeat (two or more crimes) and a given share
 * of the crimes are theirs. Returns, for each person, how many of the crimes are theirs: repeat people first.
 * `base` people/crimes already assigned elsewhere in the same cohort count towards both shares.
 */
export function repeatPattern(crimes: number, personPct: number, crimePct: number, random: Random, base = { people: 0, repeat: 0, crimes: 0, repeatCrimes: 0 }): number[] {
  const allCrimes = crimes + base.crimes;
  const crimeRange = percentInterval(crimePct, allCrimes);
  const centre = Math.round((crimePct / 100) * allCrimes);
  for (let d = 0; d <= crimeRange.hi - crimeRange.lo; d++) {
    for (const totalRepeatCrimes of [centre - d, centre + d]) {
      if (!within(totalRepeatCrimes, crimeRange)) continue;
      const repeatCrimes = totalRepeatCrimes - base.repeatCrimes;
      const singles = crimes - repeatCrimes;
      if (repeatCrimes < 0 || singles < 0) continue;
      // Repeat people r with (base.repeat + r) / (base.people + singles + r) rounding to personPct.
      for (let r = 0; 2 * r <= repeatCrimes; r++) {
        const people = base.people + singles + r;
        if (!within(base.repeat + r, percentInterval(personPct, people))) continue;
        if ((r === 0) !== (repeatCrimes === 0)) continue;
        // Each repeat person has two crimes, and the extra ones go mostly to a few (weights skewed by a cube).
        const extras = r > 0 ? apportion(repeatCrimes - 2 * r, Array.from({ length: r }, () => random.next() ** 3 + 0.05)) : [];
        return [...extras.map((e) => 2 + e), ...Array<number>(singles).fill(1)];
      }
    }
  }
  throw new Error(`No people give ${personPct}% repeat and ${crimePct}% of ${crimes} crimes.`);
}
