import { describe, expect, it } from 'vitest';
import { rateInterval, roundTo } from '../../sample-data/generator/calibrate';
import { TOTAL, wardCounts } from '../../sample-data/generator/lichfieldCounts';
import { buildPopulation, LICHFIELD } from '../../sample-data/generator/population';
import { Random } from '../../sample-data/generator/random';
import { areaRates, wardRates } from '../../sample-data/generator/reference';

describe('sample crime counts', () => {
  const lsoas = buildPopulation(new Random(2019));
  const lichfield = lsoas.filter((l) => l.districtCode === LICHFIELD);
  const pop = lichfield.reduce((s, l) => s + l.total, 0);
  const wardPop = new Map<string, number>();
  for (const l of lichfield) wardPop.set(l.wardName, (wardPop.get(l.wardName) ?? 0) + l.total);

  it('gives Lichfield the assessment population, in its 22 wards', () => {
    expect(pop).toBe(103965);
    expect(wardPop.size).toBe(22);
  });

  it('reproduces every ward cell and every district row', () => {
    const rates = areaRates();
    const counts = wardCounts(rates, pop, wardRates(), wardPop);
    for (const [ward, byGroup] of wardRates()) {
      const c = counts.wards.get(ward)!;
      for (const [group, rate] of byGroup) {
        const n = group === 'ALL CRIME' ? [...c.values()].reduce((a, b) => a + b, 0) : c.get(group)!;
        expect(roundTo((n / wardPop.get(ward)!) * 1000, 1), `${ward} ${group}`).toBe(rate);
      }
    }
    for (const r of rates) {
      const n = r.group === TOTAL ? [...counts.groups.values()].reduce((a, b) => a + b, 0) : r.subgroup ? counts.subgroups.get(r.group)!.get(r.subgroup)! : counts.groups.get(r.group)!;
      expect(roundTo((n / pop) * 1000, 1), `${r.group} ${r.subgroup ?? ''}`).toBe(r.district);
    }
    expect(rateInterval(58.8, pop).lo).toBeGreaterThan(6000);
    // Crimes known only to the district are few, as in real extracts.
    const unlocated = [...counts.unlocated.values()].reduce((a, b) => a + b, 0);
    expect(unlocated).toBeLessThan(0.03 * [...counts.groups.values()].reduce((a, b) => a + b, 0));
  });
});
