import { apportion } from './calibrate';
import { LICHFIELD, type Lsoa } from './population';
import type { Random } from './random';

/**
 * Crime levels of districts against the force's other districts: Stoke-on-Trent, the city, higher; South
 * Staffordshire and Staffordshire Moorlands lower, so that Lichfield's crime and ASB rate is the force area's
 * third-lowest, as the assessment says.
 */
const LEVELS: Record<string, number> = { E06000021: 1.35, E07000196: 0.55, E07000198: 0.55 };

/**
 * Where crime happens: each LSOA gets a fixed attractiveness (its residents times a random factor, so some
 * neighbourhoods are hotspots), and each district a level (Stoke-on-Trent, the city, higher).
 */
export class Places {
  readonly lsoaWeight = new Map<string, number>();
  readonly districts: { code: string; population: number; level: number; lsoas: Lsoa[] }[];

  constructor(readonly lsoas: readonly Lsoa[], random: Random) {
    for (const l of lsoas) this.lsoaWeight.set(l.code, l.total * random.around(0.7) ** 2);
    const codes = [...new Set(lsoas.map((l) => l.districtCode))].sort();
    this.districts = codes.map((code) => {
      const inDistrict = lsoas.filter((l) => l.districtCode === code);
      return { code, population: inDistrict.reduce((s, l) => s + l.total, 0), level: (LEVELS[code] ?? 1) * random.around(0.15), lsoas: inDistrict };
    });
  }

  /** Splits `count` crimes over LSOAs by attractiveness (times an offence-specific random factor). */
  spread(count: number, lsoas: readonly Lsoa[], random: Random): Map<Lsoa, number> {
    const weights = lsoas.map((l) => this.lsoaWeight.get(l.code)! * random.around(0.3));
    const counts = apportion(count, weights);
    return new Map(lsoas.map((l, i) => [l, counts[i]]));
  }

  /** Splits crimes over the districts other than Lichfield, by population and level. */
  otherDistricts(count: number, random: Random): Map<string, number> {
    const others = this.districts.filter((d) => d.code !== LICHFIELD);
    const counts = apportion(count, others.map((d) => d.population * d.level * random.around(0.1)));
    return new Map(others.map((d, i) => [d.code, counts[i]]));
  }
}
